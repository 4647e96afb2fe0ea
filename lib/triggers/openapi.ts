import { z } from 'zod';
import { uuidParams } from '../api/handler';
import { named, type OpenAPIRegistry, pageOf, route } from '../openapi/registry';
import { triggerFormSchema } from './describe';
import {
  apiTriggerConfigSchema,
  createTriggerSchema,
  listTriggersQuery,
  sampleEventSchema,
  testFilterResultSchema,
  testFilterSchema,
  triggerSchema,
  updateTriggerSchema,
} from './schemas';
import { webhookParams, webhookReceiptSchema } from './webhook/schemas';

export function registerTriggersApi(registry: OpenAPIRegistry): void {
  route(registry, {
    method: 'get',
    path: '/api/v1/triggers/types',
    operationId: 'listTriggerTypes',
    summary: 'Trigger types and their configuration forms',
    tag: 'Triggers',
    access: 'read',
    success: {
      status: 200,
      description: 'One form per type (and per broker for event triggers)',
      schema: z.array(named('TriggerForm', triggerFormSchema)),
    },
  });
  named('ApiTriggerConfig', apiTriggerConfigSchema);
  named('SampleEvent', sampleEventSchema);
  const Trigger = named('Trigger', triggerSchema);
  const tag = 'Triggers';
  route(registry, {
    method: 'get',
    path: '/api/v1/triggers',
    operationId: 'listTriggers',
    summary: 'List triggers',
    description: 'Newest first; filter by `workflow_id` or `type`.',
    tag,
    access: 'read',
    query: listTriggersQuery,
    success: { status: 200, description: 'A page of triggers', schema: pageOf('TriggerPage', Trigger) },
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/triggers',
    operationId: 'createTrigger',
    summary: 'Create a trigger',
    description:
      'Every type has `config.filter`, matched against `{event_type, timestamp, data}` ({} matches all). `api`: events POSTed to /api/v1/events. `event`: a Kafka topic or RabbitMQ queue. `webhook`: requests to POST /api/v1/hooks/{trigger_id}, verified by HMAC-SHA256 or Standard Webhooks. `schedule`: a cron expression in a time zone (422 on `body.config.cron` / `body.config.timezone`). `poll`: GETs a URL every `interval_seconds`, one event per new item. Secrets in `config` come back masked. `workflow_id` must name an existing workflow (422 on `body.workflow_id`).',
    tag,
    access: 'admin',
    body: named('CreateTrigger', createTriggerSchema),
    success: { status: 201, description: 'The new trigger', schema: Trigger },
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/triggers/test-filter',
    operationId: 'testTriggerFilter',
    summary: 'Test a filter against a sample event',
    description:
      'Evaluates the filter exactly as live matching does; an invalid filter is a 422 on `body.filter`.',
    tag,
    access: 'admin',
    body: named('TestFilter', testFilterSchema),
    success: {
      status: 200,
      description: 'Whether the event matches',
      schema: named('TestFilterResult', testFilterResultSchema),
    },
  });
  route(registry, {
    method: 'get',
    path: '/api/v1/triggers/{id}',
    operationId: 'getTrigger',
    summary: 'Get a trigger',
    tag,
    access: 'read',
    params: uuidParams,
    success: { status: 200, description: 'The trigger', schema: Trigger },
  });
  route(registry, {
    method: 'patch',
    path: '/api/v1/triggers/{id}',
    operationId: 'updateTrigger',
    summary: 'Change a trigger',
    description: "The type cannot change; `config` is replaced whole and checked against the trigger's type.",
    tag,
    access: 'admin',
    params: uuidParams,
    body: named('UpdateTrigger', updateTriggerSchema),
    success: { status: 200, description: 'The updated trigger', schema: Trigger },
  });
  route(registry, {
    method: 'delete',
    path: '/api/v1/triggers/{id}',
    operationId: 'deleteTrigger',
    summary: 'Delete a trigger',
    tag,
    access: 'admin',
    params: uuidParams,
    success: { status: 204, description: 'Deleted' },
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/hooks/{trigger_id}',
    operationId: 'receiveWebhook',
    summary: 'Receive an inbound webhook for a trigger',
    description:
      "Point a sender here. Authenticated by the trigger's signature check, not an API key: HMAC-SHA256 of the raw body in the configured header, or Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`, timestamp within `tolerance_seconds`). A missing or wrong signature is a 401 and stores nothing; a body over `max_body_bytes` is a 413; an unknown or disabled trigger is a 404. The body (any content; JSON to make an event) becomes an event with `event_type` fixed or read from `event_type_path` and `data` the body or `data_path` of it; a body that is not JSON or does not map is stored as an `invalid` event and still answered with 202 and the error. A retry with the same delivery id (`delivery_id_header`, default `webhook-id` for Standard Webhooks) answers 200 with `duplicate: true` and the first event.",
    tag,
    access: 'public',
    params: webhookParams,
    success: {
      status: 202,
      description: 'Stored (200 with `duplicate: true` for a repeated delivery)',
      schema: named('WebhookReceipt', webhookReceiptSchema),
    },
    errors: [401, 404, 413],
  });
}
