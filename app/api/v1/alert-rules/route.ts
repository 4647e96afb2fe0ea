import { withBodyErrors } from '@/lib/alerts/body-errors';
import { createAlertRuleSchema } from '@/lib/alerts/schemas';
import { createAlertRule, listAlertRules } from '@/lib/alerts/service';
import { json, withApi } from '@/lib/api/handler';
import { decodeCursor, page, paginationQuery } from '@/lib/api/pagination';

export const GET = withApi({ access: 'admin', query: paginationQuery }, async ({ query }) => {
  const rows = await listAlertRules({ limit: query.limit + 1, cursor: decodeCursor(query.cursor) });
  return json(page(rows, query.limit));
});

export const POST = withApi(
  { access: 'admin', body: createAlertRuleSchema },
  async ({ body, principal, requestId }) =>
    json(await withBodyErrors(() => createAlertRule(body, { principal, requestId })), 201),
);
