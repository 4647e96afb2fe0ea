import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { binaries, postgresUser, startEmbeddedPostgres } from '../lib/db/embedded';
import { blockingFolder } from '../lib/db/embedded-access';
import { freePort } from './support/free-port';

// `npm start` as root from a clone the postgres user cannot enter (root's home folder, mode 0700): the embedded
// PostgreSQL must still start, and keep its data across restarts.

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** Stands in for /var/lib/switchboard: under a root-owned folder mode 0755, like /var/lib. */
function runtimeRootDir(): string {
  const varLib = tempDir('sb-var-lib-');
  chmodSync(varLib, 0o755);
  return path.join(varLib, 'switchboard');
}

describe('blockingFolder', () => {
  it('finds the first folder on the way another user may not enter', () => {
    const home = tempDir('sb-home-'); // mkdtemp makes it 0700
    const inner = path.join(home, 'clone', '.data');
    mkdirSync(inner, { recursive: true, mode: 0o755 });
    const stranger = { uid: (process.getuid?.() ?? 0) + 4242, gid: (process.getgid?.() ?? 0) + 4242 };

    expect(blockingFolder(inner, stranger)).toBe(home);
    chmodSync(home, 0o711);
    expect(blockingFolder(inner, stranger)).toBeUndefined();
    chmodSync(path.join(home, 'clone'), 0o750); // group and others: only the owner's group may enter
    expect(blockingFolder(inner, stranger)).toBe(path.join(home, 'clone'));
    const group = { ...stranger, gid: process.getgid?.() ?? 0 };
    expect(blockingFolder(inner, group)).toBeUndefined();
  });
});

// PostgreSQL runs as the postgres user only when Switchboard runs as root (as CI does).
describe.runIf(process.getuid?.() === 0)(
  'embedded PostgreSQL started by root from a folder mode 0700',
  () => {
    it('starts, keeping binaries and data where the postgres user can reach them, and restarts on the same data', async () => {
      // root's home folder: a clone in a folder only root may enter, its binaries (node_modules) inside it.
      const home = tempDir('sb-root-home-');
      expect(lstatSync(home).mode & 0o777).toBe(0o700);
      const clone = path.join(home, 'switchboard');
      mkdirSync(clone, { mode: 0o755 });
      const real = await binaries();
      const native = path.resolve(path.dirname(real.initdb), '..');
      symlinkSync(native, path.join(clone, 'native'));
      const bin = {
        initdb: path.join(clone, 'native/bin/initdb'),
        pg_ctl: path.join(clone, 'native/bin/pg_ctl'),
        postgres: path.join(clone, 'native/bin/postgres'),
      };
      const dataDir = path.join(clone, '.data');
      const runtimeRoot = runtimeRootDir();
      const { uid, gid } = postgresUser();
      const account = { uid: uid!, gid: gid! };
      expect(blockingFolder(path.dirname(bin.initdb), account)).toBe(home);

      const lines: string[] = [];
      const port = await freePort();
      const start = () =>
        startEmbeddedPostgres(dataDir, port, (line) => lines.push(line), { binaries: bin, runtimeRoot });

      const first = await start();
      try {
        const client = new pg.Client({ connectionString: first.url });
        await client.connect();
        await client.query('CREATE TABLE kept (v text)');
        await client.query("INSERT INTO kept VALUES ('still here')");
        await client.end();
      } finally {
        await first.stop();
      }

      // The data folder is a link into the runtime root; the log line said where and why.
      const link = path.join(dataDir, 'pg');
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link).startsWith(`${runtimeRoot}/data-`)).toBe(true);
      expect(lines.join('\n')).toContain(`The postgres user cannot enter ${home} (mode 0700`);
      expect(lines.join('\n')).toContain(`copying the PostgreSQL binaries to ${runtimeRoot}/postgres-`);
      expect(lines.join('\n')).toContain(`lives in ${readlinkSync(link)}`);

      lines.length = 0;
      const second = await start();
      try {
        const client = new pg.Client({ connectionString: second.url });
        await client.connect();
        const { rows } = await client.query('SELECT v FROM kept');
        await client.end();
        expect(rows).toEqual([{ v: 'still here' }]);
      } finally {
        await second.stop();
      }
      expect(lines.join('\n')).not.toContain('Initialising');
    }, 180_000);

    it('stops with what to do when a database already sits inside the folder it cannot enter', async () => {
      const home = tempDir('sb-root-home-');
      const dataDir = path.join(home, 'switchboard', '.data');
      mkdirSync(path.join(dataDir, 'pg'), { recursive: true });
      // what an earlier start as another user would have left: an initialised cluster
      writeFileSync(path.join(dataDir, 'pg', 'PG_VERSION'), '18\n');
      const runtimeRoot = runtimeRootDir();

      const error = await startEmbeddedPostgres(dataDir, await freePort(), () => {}, { runtimeRoot }).then(
        () => undefined,
        (e: Error) => e,
      );

      expect(error?.message).toBe(
        `Embedded PostgreSQL runs as the postgres user when Switchboard runs as root, and that user cannot enter ${home} (mode 0700, owner uid 0), where its data folder ${dataDir}/pg is. ` +
          `Do one of: \`chmod o+x ${home}\` (lets other users enter it, not list or read it); or set DATA_DIR to a folder the postgres user can enter (e.g. DATA_DIR=/var/lib/switchboard/data) and move ${dataDir}/* there; or set DATABASE_URL to a PostgreSQL server of your own; or run npm start as a user other than root.`,
      );
    });
  },
);
