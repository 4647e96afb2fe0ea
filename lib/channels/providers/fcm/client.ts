import type http from 'node:http';
import { type App, deleteApp, initializeApp } from 'firebase-admin/app';
import { getMessaging, type Messaging } from 'firebase-admin/messaging';
import { type ClientIdentity, clientPool } from '../../client-pool';
import { DeliveryError, type SendContext } from '../../types';
import { fcmAgent } from './agent';
import type { FcmConfig } from './config';
import { ServiceAccountCredential } from './credential';
import { parseServiceAccount, type ServiceAccount } from './service-account';

/**
 * One firebase-admin app per channel (see `clientPool`), named after the channel and a hash of its config: its
 * access token is reused for the hour Google grants it, and its agent keeps connections (or proxy tunnels) open.
 * An app is deleted, and its connections closed, when its channel's config changes, when it has not been used
 * for a few minutes (so a deleted channel's app goes too), and at shutdown.
 */

export interface FcmClient {
  app: App;
  messaging: Messaging;
  credential: ServiceAccountCredential;
  agent: http.Agent;
  account: ServiceAccount;
}

let generation = 0;

const clients = clientPool<FcmConfig, FcmClient>({
  create: createClient,
  retire,
  dispose: close,
  idleMs: 5 * 60_000,
});

export function loadServiceAccount(config: FcmConfig): ServiceAccount {
  const parsed = parseServiceAccount(config.service_account);
  if (!parsed.ok) throw new DeliveryError(`FCM service account ${parsed.problem}`, 'permanent');
  return parsed.account;
}

export function pooledClient(config: FcmConfig, ctx: SendContext): FcmClient {
  return clients.get(config, ctx);
}

/** A new app in place of `stale` (whose access token FCM refused), unless another call replaced it already. */
export function renewClient(stale: FcmClient, config: FcmConfig, ctx: SendContext): FcmClient {
  return clients.renew(stale, config, ctx);
}

export function closeFcmClients(): Promise<void> {
  return clients.closeAll();
}

function createClient(config: FcmConfig, { allowList, key, fingerprint }: ClientIdentity): FcmClient {
  const account = loadServiceAccount(config);
  const agent = fcmAgent(config, allowList);
  const credential = new ServiceAccountCredential(account, agent);
  const name = `switchboard-fcm:${key}:${fingerprint.slice(0, 16)}:${++generation}`;
  const app = initializeApp(
    { credential, httpAgent: agent, projectId: config.project_id ?? account.project_id },
    name,
  );
  return { app, messaging: getMessaging(app), credential, agent, account };
}

/** Replaced while calls may still be running on it: idle connections close now, busy ones once answered. */
function retire(client: FcmClient): void {
  void deleteApp(client.app).catch(() => {});
  client.agent.keepSocketAlive = () => false;
  for (const sockets of Object.values(client.agent.freeSockets))
    for (const socket of sockets ?? []) socket.destroy();
}

async function close(client: FcmClient): Promise<void> {
  await deleteApp(client.app).catch(() => {});
  client.agent.destroy();
}
