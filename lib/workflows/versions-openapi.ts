import { paginationQuery } from '../api/pagination';
import { named, type OpenAPIRegistry, pageOf, route } from '../openapi/registry';
import { workflowRefParams, workflowSchema } from './schemas';
import { workflowVersionParams, workflowVersionSchema } from './version-schemas';

export function registerWorkflowVersionsApi(registry: OpenAPIRegistry): void {
  const Version = named('WorkflowVersion', workflowVersionSchema);
  const tag = 'Workflows';
  route(registry, {
    method: 'get',
    path: '/api/v1/workflows/{key}/versions',
    operationId: 'listWorkflowVersions',
    summary: "List a workflow's versions",
    description:
      "Newest first. Every save (create, update, restore) keeps the definition as saved; `version` matches the workflow's `version` after that save and the `workflow_version` of runs started on it. Workflows saved before versions were kept have one version: their definition when the migration ran.",
    tag,
    access: 'read',
    params: workflowRefParams,
    query: paginationQuery,
    success: {
      status: 200,
      description: 'A page of versions',
      schema: pageOf('WorkflowVersionPage', Version),
    },
  });
  route(registry, {
    method: 'get',
    path: '/api/v1/workflows/{key}/versions/{version}',
    operationId: 'getWorkflowVersion',
    summary: 'Get one version of a workflow',
    tag,
    access: 'read',
    params: workflowVersionParams,
    success: { status: 200, description: 'The version', schema: Version },
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/workflows/{key}/versions/{version}/restore',
    operationId: 'restoreWorkflowVersion',
    summary: 'Restore an older version',
    description:
      "Saves the version's name, description and steps as a new version (history is never rewritten); `enabled` keeps its current value. The steps go through the checks of any save: 409 naming the channel when one they send through has been deleted since, 422 naming the field for a deleted attached file or a body that no longer fits its channel.",
    tag,
    access: 'admin',
    params: workflowVersionParams,
    success: { status: 200, description: 'The workflow, at its new version', schema: workflowSchema },
    errors: [409],
  });
}
