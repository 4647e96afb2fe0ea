import { json, withApi } from '@/lib/api/handler';
import { db } from '@/lib/db';
import { discardSelected } from '@/lib/messages/bulk';
import { discardSchema } from '@/lib/messages/bulk-schemas';

/** Gives up on dead (or failed) messages, by explicit ids or by filter: final status `discarded`, reason audited. */
export const POST = withApi(
  { access: 'admin', body: discardSchema },
  async ({ body, principal, requestId }) => json(await discardSelected(body, db(), { principal, requestId })),
);
