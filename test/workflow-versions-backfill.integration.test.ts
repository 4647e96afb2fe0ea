import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../lib/db/migrate';
import { createDatabase, dropDatabase, randomDatabaseName } from './support/test-database';

const TAG = '0008_workflow_versions';

/** The migrations folder as it was before workflow versions: the journal cut off before TAG. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'sb-migrations-'));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const cut = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe('the workflow_versions migration', () => {
  it('backfills the current definition of every existing workflow as its current version', async () => {
    const server = inject('serverUrl');
    const name = randomDatabaseName('sb_versions');
    const url = await createDatabase(server, name);
    const folder = migrationsBefore(TAG);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await migrate(drizzle({ client }), { migrationsFolder: folder });
      const channel = await client.query(
        "INSERT INTO channels (name, type, provider, config) VALUES ('Ops hook', 'webhook', 'webhook', '{}') RETURNING id",
      );
      const channelId = channel.rows[0].id as string;
      const steps = [
        { type: 'delay', seconds: 5 },
        { type: 'send', channel_id: channelId, to: 'a@x.test', template: { body: 'Hi' } },
      ];
      await client.query(
        `INSERT INTO workflows (key, name, description, steps, enabled, version, updated_at)
         VALUES ('old', 'Old one', 'saved before versions', $1, false, 4, '2024-01-02T03:04:05Z') RETURNING id`,
        [JSON.stringify(steps)],
      );
      await client.query(
        "INSERT INTO workflows (key, name, steps) VALUES ('untouched', 'Never edited', '[]')",
      );

      await migrateDatabase(url);

      const { rows } = await client.query(
        `SELECT w.key, v.version, v.name, v.description, v.steps, v.enabled, v.channel_names, v.actor_type,
                v.restored_from, v.created_at
           FROM workflow_versions v JOIN workflows w ON w.id = v.workflow_id ORDER BY w.key`,
      );
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        key: 'old',
        version: 4,
        name: 'Old one',
        description: 'saved before versions',
        steps,
        enabled: false,
        channel_names: { [channelId]: 'Ops hook' },
        actor_type: 'system',
        restored_from: null,
        created_at: new Date('2024-01-02T03:04:05Z'),
      });
      expect(rows[1]).toMatchObject({ key: 'untouched', version: 1, steps: [], channel_names: {} });
    } finally {
      await client.end();
      rmSync(folder, { recursive: true, force: true });
      await dropDatabase(server, name);
    }
  });
});
