import { paginationQuery } from '../api/pagination';
import { named, type OpenAPIRegistry, pageOf, route } from '../openapi/registry';
import { filterSchema } from './filters';
import {
  createWorkflowSchema,
  stepSchema,
  updateWorkflowSchema,
  workflowRefParams,
  workflowSchema,
} from './schemas';
import { STEP_DEFINITIONS } from './steps';
import { registerWorkflowVersionsApi } from './versions-openapi';

export function registerWorkflowsApi(registry: OpenAPIRegistry): void {
  named('Filter', filterSchema);
  for (const step of STEP_DEFINITIONS) named(`${step.label}Step`, step.schema);
  named('Step', stepSchema);
  const Workflow = named('Workflow', workflowSchema);
  const tag = 'Workflows';
  const channelCheck =
    "Every send step's `channel_id` and `fallback_channel_id` must name an existing channel (422 with the path, e.g. `body.steps.2.channel_id`); templates are checked as Liquid and filters as queries.";
  route(registry, {
    method: 'get',
    path: '/api/v1/workflows',
    operationId: 'listWorkflows',
    summary: 'List workflows',
    description: 'Newest first.',
    tag,
    access: 'read',
    query: paginationQuery,
    success: { status: 200, description: 'A page of workflows', schema: pageOf('WorkflowPage', Workflow) },
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/workflows',
    operationId: 'createWorkflow',
    summary: 'Create a workflow',
    description: channelCheck,
    tag,
    access: 'admin',
    body: named('CreateWorkflow', createWorkflowSchema),
    success: { status: 201, description: 'The new workflow (version 1)', schema: Workflow },
    errors: [409],
  });
  route(registry, {
    method: 'get',
    path: '/api/v1/workflows/{key}',
    operationId: 'getWorkflow',
    summary: 'Get a workflow by key (or id)',
    tag,
    access: 'read',
    params: workflowRefParams,
    success: { status: 200, description: 'The workflow', schema: Workflow },
  });
  route(registry, {
    method: 'patch',
    path: '/api/v1/workflows/{key}',
    operationId: 'updateWorkflow',
    summary: 'Change a workflow',
    description: `Fields not sent keep their value; \`steps\` is replaced whole. Every change bumps \`version\`. ${channelCheck}`,
    tag,
    access: 'admin',
    params: workflowRefParams,
    body: named('UpdateWorkflow', updateWorkflowSchema),
    success: { status: 200, description: 'The updated workflow', schema: Workflow },
  });
  route(registry, {
    method: 'delete',
    path: '/api/v1/workflows/{key}',
    operationId: 'deleteWorkflow',
    summary: 'Delete a workflow and its triggers',
    tag,
    access: 'admin',
    params: workflowRefParams,
    success: { status: 204, description: 'Deleted' },
  });
  registerWorkflowVersionsApi(registry);
}
