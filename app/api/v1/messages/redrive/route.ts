import { json, withApi } from '@/lib/api/handler';
import { audit } from '@/lib/audit/log';
import { engineDeps } from '@/lib/deps';
import { redriveSchema } from '@/lib/messages/schemas';
import { redriveMessages } from '@/lib/messages/service';

/** Bulk re-drive of dead (or failed) messages matching a filter. */
export const POST = withApi(
  { access: 'admin', body: redriveSchema },
  async ({ body, principal, requestId }) => {
    const result = await redriveMessages(body, await engineDeps());
    await audit({
      principal,
      action: 'message.redrive',
      resourceType: 'message',
      changes: { ...body, redriven: result.redriven },
      requestId,
    });
    return json(result, 202);
  },
);
