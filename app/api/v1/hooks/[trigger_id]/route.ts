import { json, readRawBody, withApi } from '@/lib/api/handler';
import { engineDeps } from '@/lib/deps';
import { loadWebhookTrigger, receiveWebhook } from '@/lib/triggers/webhook/receive';
import { webhookParams } from '@/lib/triggers/webhook/schemas';

/**
 * Inbound webhook for a `webhook` trigger. No API key: the signature configured on the trigger is the
 * authentication. The body is read only up to the trigger's limit (413) and verified before anything is stored.
 */
export const POST = withApi(
  { access: 'public', params: webhookParams },
  async ({ req, params, requestId }) => {
    const trigger = await loadWebhookTrigger(params.trigger_id);
    const rawBody = await readRawBody(req, trigger.config.max_body_bytes);
    const receipt = await receiveWebhook(trigger, req.headers, rawBody, await engineDeps(), requestId);
    return json(receipt, receipt.duplicate ? 200 : 202);
  },
);
