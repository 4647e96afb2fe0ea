import { json, withApi } from '@/lib/api/handler';
import { engineDeps } from '@/lib/deps';
import { redriveSelected } from '@/lib/messages/bulk';
import { redriveSchema } from '@/lib/messages/bulk-schemas';

/** Bulk re-drive of dead (or failed) messages, by explicit ids or by filter, audit-logged with the reason. */
export const POST = withApi(
  { access: 'admin', body: redriveSchema },
  async ({ body, principal, requestId }) =>
    json(await redriveSelected(body, await engineDeps(), { principal, requestId }), 202),
);
