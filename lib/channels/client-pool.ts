import { createHash } from 'node:crypto';
import { type AllowList, defaultAllowList } from '../outbound/ssrf';
import type { SendContext } from './types';

/**
 * One SDK client per channel (or per config when no channel id is given), for providers whose client is worth
 * keeping: an authenticated connection, a cached access token, a signed provider token. A client is kept under
 * a hash of its channel's config and the SSRF allow-list (which shapes every connection it makes), so the map
 * holds no secret; it is let go when that hash changes, after `idleMs` unused (checked whenever the pool is
 * used, so a deleted channel's client goes too), and at shutdown. Closing never throws to the caller: a client
 * that fails to close is gone all the same.
 */

export interface ClientIdentity {
  allowList: AllowList;
  /** The channel id, or the fingerprint when there is none. */
  key: string;
  /** sha256 of the config and the allow-list. */
  fingerprint: string;
}

export interface ClientPoolOptions<Config, Client> {
  create(config: Config, identity: ClientIdentity): Client;
  /** Closes a client nobody uses any more (idle, or at shutdown). */
  dispose(client: Client): void | Promise<void>;
  /** Lets go of a client replaced while calls may still run on it; `dispose` when absent. */
  retire?(client: Client): void | Promise<void>;
  /** Unused this long, a client is disposed; never when absent. */
  idleMs?: number;
}

export interface ClientPool<Config, Client> {
  /** The channel's client, created (and the previous one retired) when its config or allow-list changed. */
  get(config: Config, ctx: SendContext): Client;
  /** A new client in place of `stale` (which the provider refused), unless another call replaced it already. */
  renew(stale: Client, config: Config, ctx: SendContext): Client;
  closeAll(): Promise<void>;
}

interface Entry<Client> {
  identity: ClientIdentity;
  client: Client;
  lastUsed: number;
}

export function clientPool<Config, Client extends object>(
  options: ClientPoolOptions<Config, Client>,
): ClientPool<Config, Client> {
  const entries = new Map<string, Entry<Client>>();
  const identities = new WeakMap<Client, ClientIdentity>();
  const retire = options.retire ?? options.dispose;

  function add(config: Config, identity: ClientIdentity): Client {
    const client = options.create(config, identity);
    identities.set(client, identity);
    entries.set(identity.key, { identity, client, lastUsed: Date.now() });
    return client;
  }

  function closeIdle(now: number): void {
    if (options.idleMs === undefined) return;
    for (const [key, entry] of entries) {
      if (now - entry.lastUsed > options.idleMs) {
        entries.delete(key);
        void quietly(options.dispose, entry.client);
      }
    }
  }

  return {
    get(config, ctx) {
      const identity = identify(config, ctx);
      const now = Date.now();
      closeIdle(now);
      const existing = entries.get(identity.key);
      if (existing?.identity.fingerprint === identity.fingerprint) {
        existing.lastUsed = now;
        return existing.client;
      }
      if (existing) {
        // Out of the map first, so that a failing `create` cannot leave a retired client to be handed out.
        entries.delete(identity.key);
        void quietly(retire, existing.client);
      }
      return add(config, identity);
    },

    renew(stale, config, ctx) {
      const identity = identities.get(stale) ?? identify(config, ctx);
      const current = entries.get(identity.key);
      if (current && current.client !== stale) return current.client;
      entries.delete(identity.key);
      void quietly(retire, stale);
      return add(config, { ...identity, allowList: ctx.allowList ?? defaultAllowList() });
    },

    async closeAll() {
      const all = [...entries.values()];
      entries.clear();
      await Promise.all(all.map((entry) => quietly(options.dispose, entry.client)));
    },
  };
}

function identify(config: unknown, ctx: SendContext): ClientIdentity {
  const allowList = ctx.allowList ?? defaultAllowList();
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([config, allowList.ranges.map(String), [...allowList.hosts]]))
    .digest('hex');
  return { allowList, key: ctx.channelId ?? fingerprint, fingerprint };
}

async function quietly<Client>(
  close: (client: Client) => void | Promise<void>,
  client: Client,
): Promise<void> {
  try {
    await close(client);
  } catch {
    // Nothing to do about a client that fails to close but drop it: its sockets end with the process at worst.
  }
}
