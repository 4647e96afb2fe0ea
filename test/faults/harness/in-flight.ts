import type pg from 'pg';
import { sleep } from './ports';

/** Messages claimed by a worker and not yet settled: what a crash or an outage can leave half done. */
const CLAIMED = `SELECT id FROM messages
                 WHERE claimed_by IS NOT NULL AND status IN ('queued', 'retrying', 'sending')`;

interface Sample {
  at: number;
  ids: string[];
}

/**
 * Samples the claimed messages every 100 ms (when the database answers). The messages in flight at a fault are
 * the union of the last sample before it, every sample during it and the samples of the 2 s after it (a
 * message whose settle the fault cut off is still claimed then): the bound for repeats.
 */
export function startInFlightSampler(pool: pg.Pool): {
  inFlight(from: number, to: number): Set<string>;
  stop(): Promise<void>;
} {
  const samples: Sample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const { rows } = await pool.query<{ id: string }>(CLAIMED);
        samples.push({ at: Date.now(), ids: rows.map((r) => r.id) });
      } catch {
        // the database is down or full: no sample
      }
      await sleep(100);
    }
  })();
  return {
    inFlight(from, to) {
      const ids = new Set<string>();
      const before = samples.filter((s) => s.at <= from).at(-1);
      for (const s of samples)
        if (s === before || (s.at > from && s.at <= to + 2000)) for (const id of s.ids) ids.add(id);
      return ids;
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}
