import { z } from 'zod';
import { named, type OpenAPIRegistry, pageOf, route } from '../openapi/registry';
import {
  acceptedEventSchema,
  eventInputSchema,
  eventViewSchema,
  idempotencyKeySchema,
  listEventsQuery,
} from './schemas';

/** Documents app/api/v1/events. */
export function registerEventsApi(registry: OpenAPIRegistry): void {
  const tag = 'Events';
  route(registry, {
    method: 'get',
    path: '/api/v1/events',
    operationId: 'listEvents',
    summary: 'List received events',
    description:
      'Newest first, from every source; `invalid` events keep the raw payload and the parse error.',
    tag,
    access: 'read',
    query: listEventsQuery,
    success: {
      status: 200,
      description: 'A page of events',
      schema: pageOf('EventPage', named('Event', eventViewSchema)),
    },
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/events',
    operationId: 'sendEvent',
    summary: 'Send an event',
    description:
      'Takes `{event_type, timestamp, data}`; every enabled `api` trigger whose filter matches starts a run. With an `Idempotency-Key`, a repeat returns the first answer and starts nothing.',
    tag,
    access: 'trigger',
    headers: z.object({ 'Idempotency-Key': idempotencyKeySchema.optional() }),
    body: named('EventInput', eventInputSchema),
    success: {
      status: 202,
      description: 'Stored; the runs it started',
      schema: named('AcceptedEvent', acceptedEventSchema),
    },
    errors: [409],
  });
}
