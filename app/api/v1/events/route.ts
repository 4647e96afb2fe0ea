import { AppError, validationError } from '@/lib/api/errors';
import { json, withApi } from '@/lib/api/handler';
import { listPage } from '@/lib/api/pagination';
import { engineDeps } from '@/lib/deps';
import { ingestApiEvent } from '@/lib/events/ingest';
import { eventInputSchema, idempotencyKeySchema, listEventsQuery } from '@/lib/events/schemas';
import { listEvents } from '@/lib/events/service';

export const GET = withApi({ access: 'read', query: listEventsQuery }, async ({ query }) => {
  const { limit, cursor, before, ...filter } = query;
  return json(await listPage({ limit, cursor, before }, (request) => listEvents(filter, request)));
});

/** Accepts an event in the seed's format; `api` triggers whose filter matches start runs. */
export const POST = withApi(
  // An event PostgreSQL cannot store is kept as an invalid event (and refused with 422) by the ingest itself.
  { access: 'trigger', body: eventInputSchema, unstorableBody: 'keep' },
  async ({ req, body, requestId }) => {
    const header = req.headers.get('idempotency-key');
    let key: string | undefined;
    if (header !== null) {
      const parsed = idempotencyKeySchema.safeParse(header);
      if (!parsed.success) throw validationError(parsed.error, 'headers.idempotency-key');
      key = parsed.data;
    }
    const accepted = await ingestApiEvent(body, key, await engineDeps(), requestId);
    if (!accepted) throw new AppError('internal', 'event was not stored');
    return json(accepted, 202, accepted.duplicate ? { 'idempotent-replayed': 'true' } : {});
  },
);
