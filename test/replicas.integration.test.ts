import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as eventsRoute from '../app/api/v1/events/route';
import * as messageRoute from '../app/api/v1/messages/[id]/route';
import * as messagesRoute from '../app/api/v1/messages/route';
import { createDb, type Db, db, schema, setDb } from '../lib/db';
import { migrateDatabase } from '../lib/db/migrate';
import { configureReplicas, replicaStatuses, stopReplicas } from '../lib/db/replicas';
import { checkHealth } from '../lib/health/check';
import { call, makeApiKey, uniq } from './support/factories';
import { waitFor } from './support/pipeline';
import { type ReplicatedPostgres, startReplicatedPostgres } from './support/replica';

/*
 * A real primary and streaming replica (test/support/replica.ts). Proof that a read was answered by the replica:
 * replay is paused on the replica, a row is written on the primary, and the API's list does not show it. Had
 * the list read the primary, the row would be there.
 */

let cluster: ReplicatedPostgres;
let testDb: Db;
let primary: Db;
let key: string;

beforeAll(async () => {
  cluster = await startReplicatedPostgres();
  await migrateDatabase(cluster.primaryUrl);
  testDb = db();
  primary = createDb(cluster.primaryUrl, 4);
  setDb(primary);
  key = (await makeApiKey('admin')).key;
}, 60_000);

afterAll(async () => {
  await stopReplicas();
  await cluster?.replicaQuery('SELECT pg_wal_replay_resume()').catch(() => {});
  setDb(testDb);
  await primary?.$client.end();
  await cluster?.stop();
});

// A failed test must not leave replay paused (or the replica stopped) for the next one.
afterEach(async () => {
  await cluster.startReplica().catch(() => {});
  await cluster.replicaQuery('SELECT pg_wal_replay_resume()').catch(() => {});
});

/** Routes reads to the replica with the given lag limit, checked every 200 ms, and waits for its first check. */
async function useReplica(maxLagSeconds: number, checkIntervalMs = 200) {
  const set = configureReplicas({ urls: [cluster.replicaUrl], maxLagSeconds, checkIntervalMs });
  await set!.check();
}

async function insertMessage(recipient: string) {
  const [row] = await db()
    .insert(schema.messages)
    .values({ recipient, status: 'sent', idempotencyKey: `replica-${uniq()}`, subject: 'replica test' })
    .returning();
  return row!;
}

async function insertEvent(eventType: string) {
  await db()
    .insert(schema.events)
    .values({ source: 'api', sourceId: `replica-${uniq()}`, eventType, payload: {} });
}

async function listedRecipients(): Promise<string[]> {
  const res = await call(messagesRoute.GET, { path: '/api/v1/messages?limit=200', key });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { recipient: string }[] }).data.map((m) => m.recipient);
}

async function listedEventTypes(): Promise<string[]> {
  const res = await call(eventsRoute.GET, { path: '/api/v1/events?limit=200', key });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { event_type: string }[] }).data.map((e) => e.event_type);
}

async function detailStatus(id: string): Promise<number> {
  return (await call(messageRoute.GET, { path: `/api/v1/messages/${id}`, key, params: { id } })).status;
}

/** Waits until the replica has replayed everything the primary has written so far. */
async function replicaCaughtUp() {
  const { rows } = await primary.$client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  const lsn = rows[0]!.lsn;
  await waitFor(
    async () => {
      const [row] = await cluster.replicaQuery<{ ok: boolean }>(
        `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS ok`,
      );
      return row!.ok;
    },
    20_000,
    'the replica to replay',
  );
}

const state = () => replicaStatuses()[0]!;

/** Pauses replay on the replica and writes a message and an event on the primary that it therefore lacks. */
async function writeWhilePaused(tag: string) {
  await replicaCaughtUp();
  await cluster.replicaQuery('SELECT pg_wal_replay_pause()');
  const message = await insertMessage(`${tag}@example.test`);
  await insertEvent(`${tag}.event`);
  return message;
}

describe('read replicas', () => {
  it('answers message and event lists from a healthy replica; a detail it lacks comes from the primary', async () => {
    const seeded = await insertMessage('seeded@example.test');
    await insertEvent('seeded.event');
    await replicaCaughtUp();
    await useReplica(3600);
    expect(state()).toMatchObject({ state: 'up', error: null });
    expect(state().url).toBe(cluster.replicaUrl);

    const fresh = await writeWhilePaused('paused');
    // Served by the replica: the seeded rows are there, the row written after the pause is not.
    expect(await listedRecipients()).toContain('seeded@example.test');
    expect(await listedRecipients()).not.toContain('paused@example.test');
    expect(await listedEventTypes()).toContain('seeded.event');
    expect(await listedEventTypes()).not.toContain('paused.event');
    // A detail of a message the replica has not replayed yet is read again from the primary: no 404.
    expect(await detailStatus(fresh.id)).toBe(200);
    expect(await detailStatus(seeded.id)).toBe(200);

    // The paused replica lags, but within this limit it stays in use; health shows the measured lag.
    await waitFor(async () => (state().lag_seconds ?? 0) > 0, 10_000, 'a measured lag');
    const health = await checkHealth();
    expect(health.replicas).toHaveLength(1);
    expect(health.replicas[0]).toMatchObject({ state: 'up', url: cluster.replicaUrl });
    expect(health.replicas[0]!.lag_seconds).toBeGreaterThan(0);
    await cluster.replicaQuery('SELECT pg_wal_replay_resume()');
  });

  it('skips a replica that lags beyond REPLICA_MAX_LAG_SECONDS until it catches up', async () => {
    await useReplica(1);
    await writeWhilePaused('lagging');
    await waitFor(async () => state().state === 'lagging', 15_000, 'the replica to count as lagging');
    expect(state().lag_seconds).toBeGreaterThan(1);
    expect(state().error).toContain('REPLICA_MAX_LAG_SECONDS');
    // Reads go to the primary now: the fresh rows are listed.
    expect(await listedRecipients()).toContain('lagging@example.test');
    expect(await listedEventTypes()).toContain('lagging.event');
    expect((await checkHealth()).replicas[0]!.state).toBe('lagging');

    await cluster.replicaQuery('SELECT pg_wal_replay_resume()');
    await waitFor(async () => state().state === 'up', 15_000, 'the replica to recover');
    expect(state().lag_seconds).toBeLessThanOrEqual(1);
  });

  it('keeps answering from the primary when the replica stops, and uses it again once it is back', async () => {
    const message = await insertMessage('before-stop@example.test');
    await replicaCaughtUp();
    // Checked once now and then not for a minute: the stop below happens between two checks.
    await useReplica(3600, 60_000);
    expect(state().state).toBe('up');

    await cluster.stopReplica();
    // The router still believes the replica is up; the read fails on it and is answered by the primary.
    expect(await listedRecipients()).toContain('before-stop@example.test');
    expect(state().state).toBe('down');
    expect(state().error).toBeTruthy();
    expect(await detailStatus(message.id)).toBe(200);
    expect(await listedEventTypes()).toContain('seeded.event');

    // With regular checks the replica stays down while it is stopped; health says so and reads still answer.
    await useReplica(3600);
    expect(state().state).toBe('down');
    const health = await checkHealth();
    expect(health.replicas[0]).toMatchObject({ state: 'down', lag_seconds: null });
    expect(health.status).not.toBeUndefined();
    expect(await listedRecipients()).toContain('before-stop@example.test');

    await cluster.startReplica();
    await waitFor(async () => state().state === 'up', 20_000, 'the restarted replica to be used again');
    await writeWhilePaused('restarted');
    expect(await listedRecipients()).not.toContain('restarted@example.test');
    await cluster.replicaQuery('SELECT pg_wal_replay_resume()');
  });
});
