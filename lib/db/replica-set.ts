import { createDb, type Db } from './index';
import { LsnHistory, lagSeconds, parseLsn } from './replica-lag';

export type ReplicaState = 'unknown' | 'up' | 'lagging' | 'down';

/** One replica as health and metrics show it. */
export interface ReplicaStatus {
  /** The connection URL without its password. */
  url: string;
  state: ReplicaState;
  lag_seconds: number | null;
  checked_at: string | null;
  error: string | null;
}

export interface ReplicaOptions {
  urls: string[];
  maxLagSeconds: number;
  /** How often each replica is checked. */
  checkIntervalMs?: number;
  /** Connections per replica pool. */
  poolMax?: number;
  /** The primary, sampled for its WAL position at every check. */
  primary: () => Db;
}

interface Replica {
  db: Db;
  /** One connection of its own for the checks, so busy reads never delay them; with timeouts. */
  checkDb: Db;
  status: ReplicaStatus;
}

// A check that takes longer than this counts as down: a replica that slow would not serve reads well either.
const CHECK_TIMEOUT_MS = 2000;

/** The URL with its password masked, for health, metrics and logs. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'invalid-url';
  }
}

/**
 * The replicas of one process: a small pool each and a background checker (an unref'd timer, so it never keeps
 * a process alive) that finds each one's state and lag. `pick()` rotates among the healthy ones.
 */
export class ReplicaSet {
  private readonly replicas: Replica[];
  private readonly history: LsnHistory;
  private readonly timer: NodeJS.Timeout;
  private next = 0;
  private checking: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: ReplicaOptions) {
    const interval = options.checkIntervalMs ?? 5000;
    // Keep enough samples to place a replica that lags a few times the limit; beyond that the lag is "large".
    this.history = new LsnHistory(Math.max(60_000, options.maxLagSeconds * 4000));
    const name = `${process.env.SWITCHBOARD_PROCESS ?? 'switchboard'}-replica`;
    this.replicas = options.urls.map((url) => {
      const db = createDb(url, options.poolMax ?? 4, {
        application_name: name,
        // A replica that does not accept a connection quickly is treated as down; the primary answers instead.
        connectionTimeoutMillis: CHECK_TIMEOUT_MS,
        // Idle replica connections must not hold a finished script open.
        allowExitOnIdle: true,
      });
      const checkDb = createDb(url, 1, {
        application_name: `${name}-check`,
        connectionTimeoutMillis: CHECK_TIMEOUT_MS,
        statement_timeout: CHECK_TIMEOUT_MS,
        // Client-side backstop when the server does not answer at all; the pool then drops that connection.
        query_timeout: CHECK_TIMEOUT_MS + 500,
        allowExitOnIdle: true,
      });
      return {
        db,
        checkDb,
        status: { url: displayUrl(url), state: 'unknown', lag_seconds: null, checked_at: null, error: null },
      };
    });
    this.timer = setInterval(() => void this.check(), interval);
    this.timer.unref();
    void this.check();
  }

  /** A healthy replica, round robin, or undefined when none is. */
  pick(): Replica | undefined {
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(this.next + i) % this.replicas.length]!;
      if (replica.status.state === 'up') {
        this.next = (this.next + i + 1) % this.replicas.length;
        return replica;
      }
    }
    return undefined;
  }

  /** Takes a replica out of rotation at once (a query on it lost its connection); the next check may restore it. */
  markDown(db: Db, error: Error): void {
    const replica = this.replicas.find((r) => r.db === db);
    if (!replica) return;
    replica.status = {
      ...replica.status,
      state: 'down',
      lag_seconds: null,
      error: error.message,
      checked_at: new Date().toISOString(),
    };
  }

  statuses(): ReplicaStatus[] {
    return this.replicas.map((r) => ({ ...r.status }));
  }

  /** Checks every replica now (also what the timer runs); concurrent callers share one pass. */
  check(): Promise<void> {
    this.checking ??= this.checkAll().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.checking?.catch(() => {});
    await Promise.all(
      this.replicas.flatMap((r) => [
        r.db.$client.end().catch(() => {}),
        r.checkDb.$client.end().catch(() => {}),
      ]),
    );
  }

  private async checkAll(): Promise<void> {
    if (this.stopped) return;
    let now: Date | undefined;
    try {
      const { rows } = await this.options
        .primary()
        .$client.query<{ lsn: string; at: Date }>(
          'SELECT pg_current_wal_lsn()::text AS lsn, clock_timestamp() AS at',
        );
      const row = rows[0]!;
      now = row.at;
      this.history.add({ lsn: parseLsn(row.lsn), at: row.at });
    } catch {
      // The primary is unreachable: replicas are judged by their replay timestamps alone until it is back.
    }
    await Promise.all(this.replicas.map((replica) => this.checkOne(replica, now)));
  }

  private async checkOne(replica: Replica, primaryNow: Date | undefined): Promise<void> {
    const checkedAt = new Date().toISOString();
    try {
      const { rows } = await replica.checkDb.$client.query<{
        in_recovery: boolean;
        replay_lsn: string | null;
        replayed_at: Date | null;
        now: Date;
      }>(
        `SELECT pg_is_in_recovery() AS in_recovery, pg_last_wal_replay_lsn()::text AS replay_lsn,
                pg_last_xact_replay_timestamp() AS replayed_at, clock_timestamp() AS now`,
      );
      const row = rows[0]!;
      if (this.stopped) return;
      if (!row.in_recovery) {
        // A promoted replica no longer follows the primary: reading from it would show a diverging past.
        replica.status = {
          ...replica.status,
          state: 'down',
          lag_seconds: null,
          checked_at: checkedAt,
          error: 'not in recovery: this server is not a replica (promoted?)',
        };
        return;
      }
      const lag = lagSeconds(
        this.history,
        { replayLsn: row.replay_lsn ? parseLsn(row.replay_lsn) : null, replayedAt: row.replayed_at },
        primaryNow ?? row.now,
      );
      const behind = lag === null || lag > this.options.maxLagSeconds;
      replica.status = {
        url: replica.status.url,
        state: behind ? 'lagging' : 'up',
        lag_seconds: lag === null ? null : Math.round(lag * 1000) / 1000,
        checked_at: checkedAt,
        error: behind
          ? lag === null
            ? 'lag unknown: nothing replayed yet'
            : `lag ${lag.toFixed(1)} s exceeds REPLICA_MAX_LAG_SECONDS (${this.options.maxLagSeconds})`
          : null,
      };
    } catch (error) {
      if (this.stopped) return;
      replica.status = {
        ...replica.status,
        state: 'down',
        lag_seconds: null,
        checked_at: checkedAt,
        error: (error as Error).message,
      };
    }
  }
}
