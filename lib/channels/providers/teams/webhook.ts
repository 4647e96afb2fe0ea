import { type OutboundResponse, outboundRequest } from '../../../outbound/http-client';
import type { SendContext, SendResult } from '../../types';
import { type AdaptiveCard, CARD_CONTENT_TYPE } from './card';
import type { TeamsWebhookTarget } from './config';
import { effectiveStatus, hideUrl, originOf, responseSummary, teamsFailure } from './errors';

/**
 * POSTs the card as a `message` with one Adaptive Card attachment, the shape both Workflows webhooks and legacy
 * incoming webhooks take. Workflows answer 202 with the flow run's id (the provider message id); legacy
 * webhooks answer 200 "1" and have no id.
 */
export async function sendWebhook(
  target: TeamsWebhookTarget,
  card: AdaptiveCard,
  ctx: SendContext,
  timeoutMs: number,
): Promise<SendResult> {
  const body = JSON.stringify({
    type: 'message',
    attachments: [{ contentType: CARD_CONTENT_TYPE, contentUrl: null, content: card }],
  });
  const request = {
    mode: 'webhook',
    method: 'POST',
    url: originOf(target.webhook_url),
    body_bytes: Buffer.byteLength(body),
  };
  let response: OutboundResponse;
  try {
    response = await outboundRequest({
      url: target.webhook_url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      timeoutMs,
      signal: ctx.signal,
      allowList: ctx.allowList,
    });
  } catch (error) {
    throw hideUrl(error, target.webhook_url, request);
  }
  const status = effectiveStatus(response);
  if (status < 200 || status >= 300) throw teamsFailure('the Teams webhook', response, request);
  const runId = response.headers['x-ms-workflow-run-id'];
  return {
    providerMessageId: (Array.isArray(runId) ? runId[0] : runId) ?? null,
    responseCode: response.status,
    request,
    response: responseSummary(response),
  };
}
