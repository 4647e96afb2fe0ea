import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import path from 'node:path';

/**
 * PostgreSQL refuses to run as root, so as root we run it as the `postgres` system user. That user must be able
 * to enter every folder on the way to the server binaries and to the data folder; a clone in root's home folder
 * (mode 0700) blocks both. These helpers find such a folder and move what postgres needs somewhere it can reach.
 */

/** Where the binaries and (if need be) the data go when postgres cannot reach them. Root-owned, mode 0755. */
export const DEFAULT_RUNTIME_ROOT = '/var/lib/switchboard';

export interface Account {
  uid: number;
  gid: number;
}

/**
 * The first folder on the way to `target` (the folder itself included) that `account` may not enter, or
 * undefined. Uses the mode bits with the account's primary group only: Node drops the supplementary groups when
 * it switches user (setgroups(0)), and ACLs are not read, so this may report a folder an ACL would open.
 */
export function blockingFolder(target: string, account: Account): string | undefined {
  const absolute = path.resolve(target);
  const parts = absolute.split(path.sep).filter(Boolean);
  let current: string = path.sep;
  for (const folder of [current, ...parts.map((part) => (current = path.join(current, part)))]) {
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(folder);
    } catch {
      return undefined; // not there yet: we create it ourselves below a folder already checked
    }
    if (!stats.isDirectory()) continue;
    const bit = stats.uid === account.uid ? 0o100 : stats.gid === account.gid ? 0o010 : /* others */ 0o001;
    if ((stats.mode & bit) === 0) return folder;
  }
  return undefined;
}

function describeFolder(folder: string): string {
  const stats = statSync(folder);
  return `${folder} (mode ${(stats.mode & 0o777).toString(8).padStart(4, '0')}, owner uid ${stats.uid})`;
}

/** What to do instead, for a message that stops `npm start`; `dataDir` when the data folder is what is blocked. */
export function remedy(blocked: string, dataDir?: string): string {
  const moveData = dataDir
    ? `set DATA_DIR to a folder the postgres user can enter (e.g. DATA_DIR=${DEFAULT_RUNTIME_ROOT}/data) and move ${dataDir}/* there; or `
    : '';
  return (
    `Do one of: \`chmod o+x ${blocked}\` (lets other users enter it, not list or read it); or ${moveData}` +
    'set DATABASE_URL to a PostgreSQL server of your own; or run npm start as a user other than root.'
  );
}

function ensureRuntimeRoot(runtimeRoot: string, account: Account): void {
  mkdirSync(runtimeRoot, { recursive: true, mode: 0o755 });
  chmodSync(runtimeRoot, 0o755);
  const blocked = blockingFolder(runtimeRoot, account);
  if (blocked)
    throw new Error(
      `the postgres user cannot enter ${describeFolder(blocked)} either, so the embedded PostgreSQL cannot be moved to ${runtimeRoot}.`,
    );
}

export interface ServerBinaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

/**
 * The binaries themselves when postgres can reach them, else a copy of their package's `native` folder
 * (bin, lib, share: ~60 MB) under `runtimeRoot`, made once per version and reused.
 */
export function reachableBinaries(
  bin: ServerBinaries,
  account: Account,
  runtimeRoot: string,
  log: (line: string) => void,
): ServerBinaries {
  const blocked = blockingFolder(path.dirname(bin.initdb), account);
  if (!blocked) return bin;
  const native = realpathSync(path.resolve(path.dirname(bin.initdb), '..'));
  const copy = path.join(runtimeRoot, `postgres-${binariesVersion(native)}`);
  const relocated = {
    initdb: path.join(copy, 'bin', path.basename(bin.initdb)),
    pg_ctl: path.join(copy, 'bin', path.basename(bin.pg_ctl)),
    postgres: path.join(copy, 'bin', path.basename(bin.postgres)),
  };
  if (existsSync(relocated.postgres)) return relocated;
  try {
    ensureRuntimeRoot(runtimeRoot, account);
    log(
      `The postgres user cannot enter ${describeFolder(blocked)}; copying the PostgreSQL binaries to ${copy} (once).`,
    );
    // Copied under a temporary name and renamed, so an interrupted copy is never taken for a complete one.
    const partial = `${copy}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    try {
      renameSync(partial, copy);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(relocated.postgres)) throw error; // another process won the race otherwise
    }
    return relocated;
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL runs as the postgres user when Switchboard runs as root, and that user cannot enter ${describeFolder(blocked)} to run ${bin.initdb}; copying the binaries to ${copy} failed: ${(error as Error).message} ${remedy(blocked)}`,
    );
  }
}

function binariesVersion(native: string): string {
  try {
    const { version } = JSON.parse(readFileSync(path.join(native, '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    if (version && /^[\w.-]+$/.test(version)) return version;
  } catch {
    // no package.json beside it: fall back to where it is
  }
  return createHash('sha256').update(native).digest('hex').slice(0, 12);
}

/**
 * The PostgreSQL data folder: `<dataDir>/pg` when postgres can reach it. Otherwise the cluster lives in
 * `<runtimeRoot>/data-<hash of dataDir>` and `<dataDir>/pg` is a symbolic link to it, so it persists across
 * restarts, belongs to this data folder, and `ls -l` shows where it is. A cluster already initialised in an
 * unreachable `<dataDir>/pg` is left alone: the message says how to make it reachable.
 */
export function reachableDatabaseDir(
  dataDir: string,
  account: Account,
  runtimeRoot: string,
  log: (line: string) => void,
): string {
  const databaseDir = path.join(dataDir, 'pg');
  const link = lstatSync(databaseDir, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) {
    const target = realpathSync(databaseDir);
    const blocked = blockingFolder(target, account);
    if (blocked)
      throw new Error(
        `Embedded PostgreSQL runs as the postgres user, which cannot enter ${describeFolder(blocked)} on the way to ${target} (linked from ${databaseDir}). ${remedy(blocked, dataDir)}`,
      );
    return target;
  }
  const blocked = blockingFolder(dataDir, account);
  if (!blocked) return databaseDir;
  // An empty folder is what a start that failed here before (initdb EACCES) left behind.
  if (link?.isDirectory() && readdirSync(databaseDir).length === 0) rmdirSync(databaseDir);
  else if (link)
    throw new Error(
      `Embedded PostgreSQL runs as the postgres user when Switchboard runs as root, and that user cannot enter ${describeFolder(blocked)}, where its data folder ${databaseDir} is. ${remedy(blocked, dataDir)}`,
    );
  const absolute = path.resolve(dataDir);
  const target = path.join(
    runtimeRoot,
    `data-${createHash('sha256').update(absolute).digest('hex').slice(0, 16)}`,
  );
  ensureRuntimeRoot(runtimeRoot, account);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  symlinkSync(target, databaseDir, 'dir');
  log(
    `The postgres user cannot enter ${describeFolder(blocked)}, so the embedded database of ${absolute} lives in ${target} (${databaseDir} links to it). To keep it inside ${absolute} instead, run \`chmod o+x ${blocked}\` before the first start.`,
  );
  return target;
}
