import { validationError } from '@/lib/api/errors';
import { json, uuidParams, withApi } from '@/lib/api/handler';
import { engineDeps } from '@/lib/deps';
import { replayEvent } from '@/lib/events/replay';
import { idempotencyKeySchema } from '@/lib/events/schemas';

/** Runs an accepted event through its triggers again: 202 with the new runs (audit-logged as `event.replay`). */
export const POST = withApi(
  { access: 'admin', params: uuidParams },
  async ({ req, params, principal, requestId }) => {
    const header = req.headers.get('idempotency-key');
    const parsed = header === null ? undefined : idempotencyKeySchema.safeParse(header);
    if (parsed && !parsed.success) throw validationError(parsed.error, 'headers.idempotency-key');
    const replay = await replayEvent(
      params.id,
      { idempotencyKey: parsed?.data, principal, requestId },
      await engineDeps(),
    );
    return json(replay, 202, replay.duplicate ? { 'idempotent-replayed': 'true' } : {});
  },
);
