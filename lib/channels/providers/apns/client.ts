import apn, { type Provider, type ProviderOptions } from '@parse/node-apn';
import { type AllowList, guardedLookup } from '../../../outbound/ssrf';
import { clientPool } from '../../client-pool';
import { DeliveryError, type SendContext } from '../../types';
import { type ApnsConfig, gateway } from './config';

/**
 * One node-apn Provider (one HTTP/2 connection) per channel (see `clientPool`), replaced when the channel's config
 * changes. Keeping it matters beyond speed: the provider token it signs is reused for ~55 minutes, and APNs
 * answers TooManyProviderTokenUpdates to a team that signs new tokens more often than every 20 minutes; so it is
 * not closed for being idle either.
 */

const providers = clientPool<ApnsConfig, Provider>({
  create: (config, { allowList }) => createProvider(config, allowList),
  dispose: shutdown,
});

export function pooledProvider(config: ApnsConfig, ctx: SendContext): Provider {
  return providers.get(config, ctx);
}

export function closeApnsProviders(): Promise<void> {
  return providers.closeAll();
}

const SHUTDOWN_GRACE_MS = 1_000;

/**
 * node-apn's shutdown waits for its HTTP/2 session's 'close' event, which never comes for a session an error
 * already destroyed (and is held up by a stream the gateway never answers), so the wait is bounded.
 */
function shutdown(provider: Provider): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, SHUTDOWN_GRACE_MS);
    provider.shutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function createProvider(config: ApnsConfig, allowList: AllowList): Provider {
  const { host, port } = gateway(config);
  const { auth } = config;
  const options: ProviderOptions & { lookup: ReturnType<typeof guardedLookup> } = {
    ...(auth.type === 'token'
      ? { token: { key: auth.key, keyId: auth.key_id, teamId: auth.team_id } }
      : {
          cert: auth.certificate,
          key: auth.private_key,
          ...(auth.passphrase ? { passphrase: auth.passphrase } : {}),
        }),
    production: config.environment === 'production',
    address: host,
    port,
    ...(config.ca ? { ca: [config.ca] } : {}),
    // Switchboard's retry policy is the only one: node-apn would otherwise resend 429/5xx answers by itself.
    connectionRetryLimit: 0,
    requestTimeout: config.timeout_seconds * 1000,
    // node-apn hands its options to http2.connect and so to tls.connect: every address the gateway's name
    // resolves to passes the SSRF guard (literal addresses are checked before each send).
    lookup: guardedLookup(allowList),
  };
  try {
    return new apn.Provider(options);
  } catch (error) {
    // A key or certificate node-apn cannot use (malformed, expired, wrong environment, key not matching).
    throw new DeliveryError(`APNs credentials are unusable: ${(error as Error).message}`, 'permanent');
  }
}
