import { uuidParams } from '../api/handler';
import { paginationQuery } from '../api/pagination';
import { named, type OpenAPIRegistry, pageOf, route } from '../openapi/registry';
import { ALERT_KINDS } from './kinds';
import { alertEventSchema, alertRuleSchema, createAlertRuleSchema, updateAlertRuleSchema } from './schemas';

const KINDS_TEXT = ALERT_KINDS.map((k) => `- \`${k.kind}\`: ${k.description}`).join('\n');

/** Documents app/api/v1/alert-rules. */
export function registerAlertRulesApi(registry: OpenAPIRegistry): void {
  const Rule = named('AlertRule', alertRuleSchema);
  const tag = 'Alert rules';
  route(registry, {
    method: 'get',
    path: '/api/v1/alert-rules',
    operationId: 'listAlertRules',
    summary: 'List alert rules',
    description: 'Newest first, each with its state (ok or firing), last figure and last evaluation.',
    tag,
    access: 'admin',
    query: paginationQuery,
    success: { status: 200, description: 'A page of rules', schema: pageOf('AlertRulePage', Rule) },
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/alert-rules',
    operationId: 'createAlertRule',
    summary: 'Create an alert rule',
    description: `\`params\` depends on \`kind\`:\n${KINDS_TEXT}\n\nEvery channel and trigger named must exist.`,
    tag,
    access: 'admin',
    body: named('CreateAlertRule', createAlertRuleSchema),
    success: { status: 201, description: 'The new rule', schema: Rule },
  });
  route(registry, {
    method: 'get',
    path: '/api/v1/alert-rules/{id}',
    operationId: 'getAlertRule',
    summary: 'Get an alert rule',
    tag,
    access: 'admin',
    params: uuidParams,
    success: { status: 200, description: 'The rule', schema: Rule },
  });
  route(registry, {
    method: 'patch',
    path: '/api/v1/alert-rules/{id}',
    operationId: 'updateAlertRule',
    summary: 'Change an alert rule',
    description:
      '`params` is checked against the kind (the new one if `kind` changes, which needs `params`).',
    tag,
    access: 'admin',
    params: uuidParams,
    body: named('UpdateAlertRule', updateAlertRuleSchema),
    success: { status: 200, description: 'The updated rule', schema: Rule },
  });
  route(registry, {
    method: 'delete',
    path: '/api/v1/alert-rules/{id}',
    operationId: 'deleteAlertRule',
    summary: 'Delete an alert rule and its history',
    tag,
    access: 'admin',
    params: uuidParams,
    success: { status: 204, description: 'Deleted' },
  });
  route(registry, {
    method: 'get',
    path: '/api/v1/alert-rules/{id}/events',
    operationId: 'listAlertEvents',
    summary: "An alert rule's history",
    description: 'Newest first: fired, reminded, suppressed and resolved, with each channel’s outcome.',
    tag,
    access: 'admin',
    params: uuidParams,
    query: paginationQuery,
    success: {
      status: 200,
      description: 'A page of history',
      schema: pageOf('AlertEventPage', named('AlertEvent', alertEventSchema)),
    },
  });
}
