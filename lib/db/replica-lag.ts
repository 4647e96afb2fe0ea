/**
 * How far behind the primary a streaming replica is, in seconds, measured on the primary's clock.
 *
 * `now() - pg_last_xact_replay_timestamp()` alone is wrong: on a quiet primary it grows although the replica
 * has replayed everything, and `pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()` says "current" while the
 * WAL receiver is cut off from a primary that moves on. So the checker samples the primary's WAL position
 * (`pg_current_wal_lsn()`, with `clock_timestamp()`) at every check and keeps a short history. A replica whose
 * replay position has reached the sample taken at time T holds everything the primary had at T; a replica whose
 * last replayed commit was stamped R (`pg_last_xact_replay_timestamp()`, the primary's clock) holds everything up
 * to R as well. The lag is the primary's time now minus the later of the two: 0 when it has replayed the latest
 * sample, an upper bound within one check interval otherwise, and growing while replay is stuck behind writes.
 */

export interface LsnSample {
  lsn: bigint;
  at: Date;
}

/** `16/B374D848` → a comparable number. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  if (high === undefined || low === undefined) throw new Error(`not a WAL position: ${text}`);
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** The primary's recent WAL positions, newest last, kept for `keepMs`. */
export class LsnHistory {
  private samples: LsnSample[] = [];

  constructor(private readonly keepMs: number) {}

  add(sample: LsnSample): void {
    this.samples.push(sample);
    const horizon = sample.at.getTime() - this.keepMs;
    while (this.samples.length > 1 && this.samples[0]!.at.getTime() < horizon) this.samples.shift();
  }

  latest(): LsnSample | undefined {
    return this.samples.at(-1);
  }

  /** When the primary was last at a position the replica has replayed (undefined when older than the history). */
  reachedAt(replayLsn: bigint): Date | undefined {
    for (let i = this.samples.length - 1; i >= 0; i--) {
      if (this.samples[i]!.lsn <= replayLsn) return this.samples[i]!.at;
    }
    return undefined;
  }
}

/**
 * The replica's lag in seconds at the primary's time `now`, or null when nothing tells (no sample reached and
 * no transaction replayed yet), which the router treats as too far behind.
 */
export function lagSeconds(
  history: LsnHistory,
  replica: { replayLsn: bigint | null; replayedAt: Date | null },
  now: Date,
): number | null {
  const reached = replica.replayLsn === null ? undefined : history.reachedAt(replica.replayLsn);
  const since = Math.max(reached?.getTime() ?? -1, replica.replayedAt?.getTime() ?? -1);
  if (since < 0) return null;
  return Math.max(0, (now.getTime() - since) / 1000);
}
