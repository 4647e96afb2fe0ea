import { z } from 'zod';
import { uuidParams } from '../api/handler';
import { named, type OpenAPIRegistry, pageOf, route } from '../openapi/registry';
import {
  acceptedEventSchema,
  eventDetailSchema,
  eventInputSchema,
  eventViewSchema,
  idempotencyKeySchema,
  listEventsQuery,
  replayResultSchema,
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
  route(registry, {
    method: 'get',
    path: '/api/v1/events/{id}',
    operationId: 'getEvent',
    summary: 'Get an event with the runs it started',
    description: 'Invalid events carry the raw payload and the error; runs include those started by replays.',
    tag,
    access: 'read',
    params: uuidParams,
    success: { status: 200, description: 'The event', schema: named('EventDetail', eventDetailSchema) },
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/events/{id}/replay',
    operationId: 'replayEvent',
    summary: 'Replay an accepted event through its triggers',
    description:
      'An `api` event is matched against the enabled `api` triggers again; any other event against the trigger ' +
      'that received it. Every match starts a new run (its messages are sent again). With an ' +
      '`Idempotency-Key`, a repeat answers the first replay (header `idempotent-replayed: true`) and starts ' +
      'nothing. 409 for an invalid event, or when its trigger is gone or disabled.',
    tag,
    access: 'admin',
    params: uuidParams,
    headers: z.object({ 'Idempotency-Key': idempotencyKeySchema.optional() }),
    success: {
      status: 202,
      description: 'The runs it started',
      schema: named('ReplayResult', replayResultSchema),
    },
    errors: [409],
  });
}
