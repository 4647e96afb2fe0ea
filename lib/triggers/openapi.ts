import { uuidParams } from '../api/handler';
import { named, type OpenAPIRegistry, pageOf, route } from '../openapi/registry';
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

export function registerTriggersApi(registry: OpenAPIRegistry): void {
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
      'Type `api` fires on events POSTed to /api/v1/events whose `{event_type, timestamp, data}` match `config.filter` ({} matches all). Types `event`, `webhook`, `schedule` and `poll` are answered with 422 until they are available. `workflow_id` must name an existing workflow (422 on `body.workflow_id`).',
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
}
