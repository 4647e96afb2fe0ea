import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseAllowList } from '../outbound/ssrf';
import { type ClientPoolOptions, clientPool } from './client-pool';
import type { SendContext } from './types';

/*
 * The per-channel client pool that FCM, SMTP and APNs keep their SDK clients in, on plain objects standing for
 * clients: which calls share a client, when one is let go, and that closing never fails a send.
 */

interface Config {
  host: string;
  password: string;
}

interface Client {
  id: number;
  config: Config;
  key: string;
}

const IDLE_MS = 60_000;
const allowList = parseAllowList([]);
const config: Config = { host: 'mail.example.test', password: 'p1' };

function ctx(channelId?: string, list = allowList): SendContext {
  return { signal: new AbortController().signal, timeoutMs: 1_000, channelId, allowList: list };
}

function pool(overrides: Partial<ClientPoolOptions<Config, Client>> = {}) {
  let next = 0;
  const created: Client[] = [];
  const disposed: Client[] = [];
  const retired: Client[] = [];
  const options: ClientPoolOptions<Config, Client> = {
    create: (cfg, identity) => {
      const client = { id: ++next, config: cfg, key: identity.key };
      created.push(client);
      return client;
    },
    dispose: (client) => {
      disposed.push(client);
    },
    retire: (client) => {
      retired.push(client);
    },
    idleMs: IDLE_MS,
    ...overrides,
  };
  return { pool: clientPool(options), created, disposed, retired };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('sharing', () => {
  it('hands out the same client for the same channel and config', () => {
    const { pool: clients, created } = pool();
    const first = clients.get(config, ctx('ch_1'));
    expect(clients.get({ ...config }, ctx('ch_1'))).toBe(first);
    expect(created).toHaveLength(1);
    expect(first.key).toBe('ch_1');
  });

  it('keeps one client per channel, and per config when there is no channel id', () => {
    const { pool: clients, created } = pool();
    const a = clients.get(config, ctx('ch_1'));
    const b = clients.get(config, ctx('ch_2'));
    const anonymous = clients.get(config, ctx());
    expect(new Set([a, b, anonymous]).size).toBe(3);
    expect(clients.get(config, ctx())).toBe(anonymous);
    // Keyed by a sha256 of the config, never by anything that holds the password.
    expect(anonymous.key).toMatch(/^[0-9a-f]{64}$/);
    expect(created).toHaveLength(3);
  });
});

describe('a changed config', () => {
  it('retires the old client and creates a new one', () => {
    const { pool: clients, created, retired, disposed } = pool();
    const old = clients.get(config, ctx('ch_1'));
    const fresh = clients.get({ ...config, password: 'p2' }, ctx('ch_1'));
    expect(fresh).not.toBe(old);
    expect(fresh.config.password).toBe('p2');
    expect(retired).toEqual([old]);
    expect(disposed).toEqual([]);
    expect(created).toHaveLength(2);
    expect(clients.get({ ...config, password: 'p2' }, ctx('ch_1'))).toBe(fresh);
  });

  it('disposes the old client when no retire step is given', () => {
    const { pool: clients, disposed } = pool({ retire: undefined });
    const old = clients.get(config, ctx('ch_1'));
    clients.get({ ...config, host: 'other.example.test' }, ctx('ch_1'));
    expect(disposed).toEqual([old]);
  });

  it('counts a changed allow-list as a changed config', () => {
    const { pool: clients, retired } = pool();
    const old = clients.get(config, ctx('ch_1'));
    const fresh = clients.get(config, ctx('ch_1', parseAllowList(['10.0.0.0/8'])));
    expect(fresh).not.toBe(old);
    expect(retired).toEqual([old]);
  });

  it('never hands out a retired client again when creating its successor failed', () => {
    let refuse = false;
    let next = 0;
    const { pool: clients, retired } = pool({
      create: (cfg, identity) => {
        if (refuse) throw new Error('unusable credentials');
        return { id: ++next, config: cfg, key: identity.key };
      },
    });
    const old = clients.get(config, ctx('ch_1'));
    refuse = true;
    expect(() => clients.get({ ...config, password: 'bad' }, ctx('ch_1'))).toThrow('unusable credentials');
    expect(retired).toEqual([old]);
    refuse = false;
    expect(clients.get(config, ctx('ch_1'))).not.toBe(old);
  });
});

describe('idle clients', () => {
  it('are disposed once unused for longer than idleMs', () => {
    const { pool: clients, disposed } = pool();
    const idle = clients.get(config, ctx('ch_1'));
    const busy = clients.get(config, ctx('ch_2'));
    vi.advanceTimersByTime(IDLE_MS / 2);
    expect(clients.get(config, ctx('ch_2'))).toBe(busy);
    vi.advanceTimersByTime(IDLE_MS / 2 + 1);
    // Any use of the pool sweeps it, so a deleted channel's client goes too.
    expect(clients.get(config, ctx('ch_2'))).toBe(busy);
    expect(disposed).toEqual([idle]);
    const again = clients.get(config, ctx('ch_1'));
    expect(again).not.toBe(idle);
  });

  it('are kept when the pool has no idleMs', () => {
    const { pool: clients, disposed } = pool({ idleMs: undefined });
    const client = clients.get(config, ctx('ch_1'));
    vi.advanceTimersByTime(24 * 60 * 60_000);
    expect(clients.get(config, ctx('ch_1'))).toBe(client);
    expect(disposed).toEqual([]);
  });
});

describe('renew', () => {
  it('replaces a refused client once, however many calls ask', () => {
    const { pool: clients, retired } = pool();
    const stale = clients.get(config, ctx('ch_1'));
    const fresh = clients.renew(stale, config, ctx('ch_1'));
    expect(fresh).not.toBe(stale);
    expect(fresh.key).toBe('ch_1');
    expect(retired).toEqual([stale]);
    expect(clients.renew(stale, config, ctx('ch_1'))).toBe(fresh);
    expect(clients.get(config, ctx('ch_1'))).toBe(fresh);
  });
});

describe('closing', () => {
  it('closeAll disposes every client and waits for it', async () => {
    let closed = 0;
    const { pool: clients } = pool({
      dispose: async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        closed++;
      },
    });
    const a = clients.get(config, ctx('ch_1'));
    clients.get(config, ctx('ch_2'));
    const closing = clients.closeAll();
    await vi.advanceTimersByTimeAsync(10);
    await closing;
    expect(closed).toBe(2);
    expect(clients.get(config, ctx('ch_1'))).not.toBe(a);
  });

  it('never throws a failure to close to the caller', async () => {
    const throwing = () => {
      throw new Error('close failed');
    };
    const rejecting = () => Promise.reject(new Error('close failed'));
    for (const close of [throwing, rejecting]) {
      const { pool: clients } = pool({ dispose: close, retire: close });
      const stale = clients.get(config, ctx('ch_1'));
      expect(() => clients.get({ ...config, password: 'p2' }, ctx('ch_1'))).not.toThrow();
      expect(() => clients.renew(stale, config, ctx('ch_1'))).not.toThrow();
      clients.get(config, ctx('ch_2'));
      vi.advanceTimersByTime(IDLE_MS + 1);
      expect(() => clients.get(config, ctx('ch_3'))).not.toThrow();
      await expect(clients.closeAll()).resolves.toBeUndefined();
    }
  });
});
