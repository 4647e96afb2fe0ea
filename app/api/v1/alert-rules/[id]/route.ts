import { withBodyErrors } from '@/lib/alerts/body-errors';
import { updateAlertRuleSchema } from '@/lib/alerts/schemas';
import { deleteAlertRule, getAlertRule, updateAlertRule } from '@/lib/alerts/service';
import { json, uuidParams, withApi } from '@/lib/api/handler';

export const GET = withApi({ access: 'admin', params: uuidParams }, async ({ params }) =>
  json(await getAlertRule(params.id)),
);

export const PATCH = withApi(
  { access: 'admin', params: uuidParams, body: updateAlertRuleSchema },
  async ({ params, body, principal, requestId }) =>
    json(await withBodyErrors(() => updateAlertRule(params.id, body, { principal, requestId }))),
);

export const DELETE = withApi(
  { access: 'admin', params: uuidParams },
  async ({ params, principal, requestId }) => {
    await deleteAlertRule(params.id, { principal, requestId });
    return new Response(null, { status: 204 });
  },
);
