import { withBodyErrors } from '@/lib/alerts/body-errors';
import { createAlertRuleSchema } from '@/lib/alerts/schemas';
import { createAlertRule, listAlertRules } from '@/lib/alerts/service';
import { json, withApi } from '@/lib/api/handler';
import { listPage, paginationQuery } from '@/lib/api/pagination';

export const GET = withApi({ access: 'admin', query: paginationQuery }, async ({ query }) =>
  json(await listPage(query, (request) => listAlertRules(request))),
);

export const POST = withApi(
  { access: 'admin', body: createAlertRuleSchema },
  async ({ body, principal, requestId }) =>
    json(await withBodyErrors(() => createAlertRule(body, { principal, requestId })), 201),
);
