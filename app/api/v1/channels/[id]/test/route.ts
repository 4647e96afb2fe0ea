import { json, uuidParams, withApi } from '@/lib/api/handler';
import { testChannelSchema } from '@/lib/channels/schemas';
import { sendTestMessage } from '@/lib/channels/test-send';

/** Sends a real test message now; a failed delivery is a 200 with `ok: false`. */
export const POST = withApi(
  { access: 'admin', params: uuidParams, body: testChannelSchema },
  async ({ params, body }) => json(await sendTestMessage(params.id, body)),
);
