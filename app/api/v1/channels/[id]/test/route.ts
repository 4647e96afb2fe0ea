import { json, uuidParams, withApi } from '@/lib/api/handler';
import { audit } from '@/lib/audit/log';
import { testChannelSchema } from '@/lib/channels/schemas';
import { sendTestMessage } from '@/lib/channels/test-send';

/** Sends a real test message now; a failed delivery is a 200 with `ok: false`. Audited as `channel.test`. */
export const POST = withApi(
  { access: 'admin', params: uuidParams, body: testChannelSchema },
  async ({ params, body, principal, requestId }) => {
    const result = await sendTestMessage(params.id, body);
    await audit({
      principal,
      requestId,
      action: 'channel.test',
      resourceType: 'channel',
      resourceId: params.id,
      changes: { to: body.to ?? null, ok: result.ok },
    });
    return json(result);
  },
);
