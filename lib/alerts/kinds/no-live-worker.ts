import { desc } from 'drizzle-orm';
import { z } from 'zod';
import * as schema from '../../../drizzle/schema';
import { defineAlertKind, figure } from './types';

const { workerHeartbeats: w } = schema;

/**
 * No worker live for N minutes. Liveness as the health check has it: `running` with a heartbeat younger than
 * three intervals. A worker that was live last stayed so until three intervals after its last heartbeat
 * (killed) or until it said it stopped (drained): the time since the latest of those is the figure.
 */
export const noLiveWorker = defineAlertKind({
  kind: 'no_live_worker',
  label: 'No live worker',
  description: 'No worker has been live (heartbeating) for N minutes.',
  schema: z.strictObject({
    minutes: z.number().int().min(1).max(1440).describe('Fires once no worker has been live for this long.'),
  }),
  async evaluate({ db, heartbeatSeconds }, params, now) {
    const staleAfterMs = heartbeatSeconds * 3000;
    const rows = await db.select().from(w).orderBy(desc(w.lastSeenAt)).limit(200);
    const liveUntil = rows.map((row) =>
      row.state === 'running' ? row.lastSeenAt.getTime() + staleAfterMs : row.lastSeenAt.getTime(),
    );
    const live = liveUntil.filter((until) => until > now.getTime()).length;
    const last = liveUntil.length ? Math.max(...liveUntil) : null;
    const minutes = live > 0 ? 0 : last === null ? null : (now.getTime() - last) / 60_000;
    const threshold = `threshold ${params.minutes} min`;
    const summary =
      live > 0
        ? `${live} live worker(s); ${threshold}`
        : minutes === null
          ? `no worker has ever started; ${threshold}`
          : `no live worker for ${figure(minutes)} min; ${threshold}`;
    return {
      // A database with no worker row at all has never had a worker: that is a setup step, not an outage.
      firing: minutes !== null && minutes >= params.minutes,
      value: minutes,
      threshold: params.minutes,
      summary,
      channelIds: [],
    };
  },
});
