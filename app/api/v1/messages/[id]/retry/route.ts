import { json, uuidParams, withApi } from '@/lib/api/handler';
import { audit } from '@/lib/audit/log';
import { engineDeps } from '@/lib/deps';
import { retryMessage } from '@/lib/messages/service';

/** Re-drives one dead or failed message now. */
export const POST = withApi(
  { access: 'admin', params: uuidParams },
  async ({ params, principal, requestId }) => {
    const message = await retryMessage(params.id, await engineDeps());
    await audit({
      principal,
      action: 'message.retry',
      resourceType: 'message',
      resourceId: params.id,
      requestId,
    });
    return json(message, 202);
  },
);
