import pg from 'pg';
import { logger } from '../logger';

/**
 * Per-process caches of configuration that every request or delivery reads (API keys, triggers, workflows,
 * channels). A change anywhere clears them everywhere: at once in the process that made it, through
 * `NOTIFY switchboard_config` (sent in the writing transaction) in every other process, and after TTL_MS as a
 * backstop should a notification be missed while the listener reconnects.
 */
export const CONFIG_CHANNEL = 'switchboard_config';
const TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

interface Entry<V> {
  at: number;
  value: Promise<V>;
}

const caches = new Set<Map<string, Entry<unknown>>>();

export interface ConfigCache<V> {
  get(key: string): Promise<V>;
}

export function configCache<V>(load: (key: string) => Promise<V>): ConfigCache<V> {
  const entries = new Map<string, Entry<V>>();
  caches.add(entries as Map<string, Entry<unknown>>);
  return {
    get(key) {
      listenOnce();
      const hit = entries.get(key);
      if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
      const value = load(key);
      if (entries.size >= MAX_ENTRIES) entries.clear();
      const entry = { at: Date.now(), value };
      entries.set(key, entry);
      // Failures are not kept: the next call asks again.
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value;
    },
  };
}

export function invalidateConfigCaches(): void {
  for (const entries of caches) entries.clear();
}

/** Clears every process's caches once the caller's transaction commits (NOTIFY is transactional). */
export const NOTIFY_CONFIG_CHANGED = `SELECT pg_notify('${CONFIG_CHANNEL}', '')`;

const holder = globalThis as typeof globalThis & {
  __switchboardConfigListener?: { client?: pg.Client; stopped: boolean };
};

/**
 * Listens for changes made by other processes, on a connection of its own that reconnects when lost. Started
 * by the first cache read, from DATABASE_URL; without one (unit tests) only the TTL applies.
 */
function listenOnce(): void {
  const url = process.env.DATABASE_URL;
  if (holder.__switchboardConfigListener || !url) return;
  const listener: { client?: pg.Client; stopped: boolean } = { stopped: false };
  holder.__switchboardConfigListener = listener;
  const connect = (delayMs: number) => {
    if (listener.stopped) return;
    const client = new pg.Client({ connectionString: url, application_name: 'switchboard-config-listener' });
    listener.client = client;
    let retried = false;
    const retry = () => {
      if (retried || listener.stopped) return;
      retried = true;
      invalidateConfigCaches();
      void client.end().catch(() => {});
      setTimeout(() => connect(Math.min(delayMs * 2, 30_000)), delayMs).unref();
    };
    client.on('notification', invalidateConfigCaches);
    client.on('error', (error) => {
      if (listener.stopped) return;
      logger.warn({ err: error }, 'configuration change listener lost; reconnecting');
      retry();
    });
    client
      .connect()
      .then(() => {
        (client as unknown as { connection: { stream: { unref(): void } } }).connection.stream.unref();
        return client.query(`LISTEN ${CONFIG_CHANNEL}`);
      })
      .then(invalidateConfigCaches, retry);
  };
  connect(1_000);
}

/** Stops listening (scripts and benchmarks that end, and drop their database). */
export async function stopConfigListener(): Promise<void> {
  const listener = holder.__switchboardConfigListener;
  if (!listener) return;
  listener.stopped = true;
  holder.__switchboardConfigListener = undefined;
  await listener.client?.end().catch(() => {});
}
