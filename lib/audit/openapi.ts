import { named, type OpenAPIRegistry, pageOf, route } from '../openapi/registry';
import { auditEntrySchema, listAuditLogQuery } from './schemas';

/** Documents app/api/v1/audit-log. */
export function registerAuditLogApi(registry: OpenAPIRegistry): void {
  route(registry, {
    method: 'get',
    path: '/api/v1/audit-log',
    operationId: 'listAuditLog',
    summary: 'Who changed what, and when',
    description:
      'Newest first. Every configuration change (channels, workflows, triggers, alert rules, API keys, users, ' +
      'files) and operator action (re-drive, discard, replay, test send) is recorded with its actor, request ' +
      'id and a diff in `changes`.',
    tag: 'Audit log',
    access: 'admin',
    query: listAuditLogQuery,
    success: {
      status: 200,
      description: 'A page of entries',
      schema: pageOf('AuditEntryPage', named('AuditEntry', auditEntrySchema)),
    },
  });
}
