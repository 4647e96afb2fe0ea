import { createHash } from 'node:crypto';
import type http from 'node:http';
import { type App, deleteApp, initializeApp } from 'firebase-admin/app';
import { getMessaging, type Messaging } from 'firebase-admin/messaging';
import { type AllowList, defaultAllowList } from '../../../outbound/ssrf';
import { DeliveryError, type SendContext } from '../../types';
import { fcmAgent } from './agent';
import type { FcmConfig } from './config';
import { ServiceAccountCredential } from './credential';
import { parseServiceAccount, type ServiceAccount } from './service-account';

/**
 * One firebase-admin app per channel (or per config when no channel id is given), named after the channel and a
 * hash of its config: its access token is reused for the hour Google grants it, and its agent keeps connections
 * (or proxy tunnels) open. An app is deleted, and its connections closed, when its channel's config changes,
 * when it has not been used for a few minutes (so a deleted channel's app goes too), and at shutdown.
 */

const IDLE_MS = 5 * 60_000;

export interface FcmClient {
  key: string;
  fingerprint: string;
  app: App;
  messaging: Messaging;
  credential: ServiceAccountCredential;
  agent: http.Agent;
  account: ServiceAccount;
  lastUsed: number;
}

const clients = new Map<string, FcmClient>();
let generation = 0;

export function loadServiceAccount(config: FcmConfig): ServiceAccount {
  const parsed = parseServiceAccount(config.service_account);
  if (!parsed.ok) throw new DeliveryError(`FCM service account ${parsed.problem}`, 'permanent');
  return parsed.account;
}

export function pooledClient(config: FcmConfig, ctx: SendContext): FcmClient {
  const allowList = ctx.allowList ?? defaultAllowList();
  // A hash, so that the map holds no key; the allow-list is part of it as it shapes every connection.
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([config, allowList.ranges.map(String), [...allowList.hosts]]))
    .digest('hex');
  const key = ctx.channelId ?? fingerprint;
  const now = Date.now();
  closeIdle(now);
  const existing = clients.get(key);
  if (existing?.fingerprint === fingerprint) {
    existing.lastUsed = now;
    return existing;
  }
  if (existing) retire(existing);
  const client = createClient(config, allowList, key, fingerprint);
  clients.set(key, client);
  return client;
}

/** A new app in place of `stale` (whose access token FCM refused), unless another call replaced it already. */
export function renewClient(stale: FcmClient, config: FcmConfig, ctx: SendContext): FcmClient {
  const current = clients.get(stale.key);
  if (current && current !== stale) return current;
  retire(stale);
  const client = createClient(config, ctx.allowList ?? defaultAllowList(), stale.key, stale.fingerprint);
  clients.set(stale.key, client);
  return client;
}

export async function closeFcmClients(): Promise<void> {
  const all = [...clients.values()];
  clients.clear();
  await Promise.all(all.map((client) => close(client)));
}

function createClient(config: FcmConfig, allowList: AllowList, key: string, fingerprint: string): FcmClient {
  const account = loadServiceAccount(config);
  const agent = fcmAgent(config, allowList);
  const credential = new ServiceAccountCredential(account, agent);
  const name = `switchboard-fcm:${key}:${fingerprint.slice(0, 16)}:${++generation}`;
  const app = initializeApp(
    { credential, httpAgent: agent, projectId: config.project_id ?? account.project_id },
    name,
  );
  return {
    key,
    fingerprint,
    app,
    messaging: getMessaging(app),
    credential,
    agent,
    account,
    lastUsed: Date.now(),
  };
}

function closeIdle(now: number): void {
  for (const [key, client] of clients) {
    if (now - client.lastUsed > IDLE_MS) {
      clients.delete(key);
      void close(client);
    }
  }
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
