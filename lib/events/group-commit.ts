import DataLoader from 'dataloader';
import type { EngineDeps } from '../deps';
import { AppError } from '../errors';
import { logger } from '../logger';
import type { EventDraft } from './draft';
import { type Written, writeEvents } from './write-events';

/** Transactions writing at once per process; requests arriving meanwhile join the next one. */
const MAX_IN_FLIGHT = 2;
const MAX_BATCH = 500;

/**
 * Group commit for events that arrive one per HTTP request (REST API, inbound webhooks): concurrent requests are
 * written together in one transaction. While MAX_IN_FLIGHT writes are running, new drafts wait and gather into
 * the next batch, so a busy server commits large batches and an idle one commits each request at once. Each
 * caller is answered only from its own draft's result, after the transaction that holds it has committed.
 */
function groupCommitter(deps: EngineDeps): DataLoader<EventDraft, Written> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const start = (dispatch: () => void) => {
    running++;
    setImmediate(dispatch);
  };
  return new DataLoader<EventDraft, Written>(
    async (drafts) => {
      try {
        return await writeEvents(deps, [...drafts]);
      } catch (error) {
        // The whole batch is lost to an outage: every caller in it gets the error, none a 202.
        logger.warn({ err: error, events: drafts.length }, 'events not stored: the database is unavailable');
        const unavailable = new AppError(
          'unavailable',
          'the database is unavailable; the event was not stored, send it again',
          [],
          { 'retry-after': '1' },
        );
        return drafts.map(() => unavailable);
      } finally {
        running--;
        const next = waiting.shift();
        if (next) start(next);
      }
    },
    {
      cache: false,
      maxBatchSize: MAX_BATCH,
      batchScheduleFn: (dispatch) => (running < MAX_IN_FLIGHT ? start(dispatch) : waiting.push(dispatch)),
    },
  );
}

const committers = new WeakMap<EngineDeps['db'], DataLoader<EventDraft, Written>>();

/** Writes one event (with its planned runs) as part of the next group commit of this process. */
export function commitEvent(deps: EngineDeps, draft: EventDraft): Promise<Written> {
  let committer = committers.get(deps.db);
  if (!committer) {
    committer = groupCommitter(deps);
    committers.set(deps.db, committer);
  }
  return committer.load(draft);
}
