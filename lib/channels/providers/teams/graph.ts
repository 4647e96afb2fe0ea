import { type OutboundResponse, outboundRequest, redactUrl } from '../../../outbound/http-client';
import { alreadyClassified } from '../../classify-failure';
import type { OutgoingMessage, SendContext, SendResult } from '../../types';
import { type AdaptiveCard, CARD_CONTENT_TYPE } from './card';
import type { TeamsGraphTarget } from './config';
import { responseSummary, teamsFailure } from './errors';
import { accessToken } from './token';

export function channelUrl(target: TeamsGraphTarget): string {
  const base = target.graph_base_url.replace(/\/+$/, '');
  return `${base}/v1.0/teams/${encodeURIComponent(target.team_id)}/channels/${encodeURIComponent(target.channel_id)}`;
}

/**
 * POST /teams/{team}/channels/{channel}/messages with the card as an attachment: Graph wants the card as a JSON
 * string and the HTML body to reference the attachment by id. The created chatMessage's id is the provider id.
 */
export async function sendGraph(
  target: TeamsGraphTarget,
  card: AdaptiveCard,
  message: OutgoingMessage,
  ctx: SendContext,
  timeoutMs: number,
): Promise<SendResult> {
  const url = `${channelUrl(target)}/messages`;
  const attachmentId = message.id.replace(/-/g, '');
  const body = JSON.stringify({
    body: { contentType: 'html', content: `<attachment id="${attachmentId}"></attachment>` },
    attachments: [
      {
        id: attachmentId,
        contentType: CARD_CONTENT_TYPE,
        contentUrl: null,
        content: JSON.stringify(card),
        name: null,
        thumbnailUrl: null,
      },
    ],
  });
  const request = { mode: 'graph', method: 'POST', url: redactUrl(url), body_bytes: Buffer.byteLength(body) };
  const response = await graphCall(target, ctx, timeoutMs, { url, method: 'POST', body }, request);
  if (response.status !== 201 && response.status !== 200)
    throw teamsFailure('Microsoft Graph', response, request);
  let id: string | null = null;
  try {
    id = (JSON.parse(response.body) as { id?: string }).id ?? null;
  } catch {
    // Created all the same; without an id to show.
  }
  return {
    providerMessageId: id,
    responseCode: response.status,
    request,
    response: responseSummary(response),
  };
}

/** A Graph call with a client-credentials token; a cached token that Graph refuses is replaced once. */
export async function graphCall(
  target: TeamsGraphTarget,
  ctx: SendContext,
  timeoutMs: number,
  call: { url: string; method: string; body?: string },
  request: Record<string, unknown>,
): Promise<OutboundResponse> {
  const send = async (fresh: boolean) => {
    const token = await accessToken(target, ctx, timeoutMs, { fresh });
    const response = await outboundRequest({
      url: call.url,
      method: call.method,
      headers: {
        authorization: `Bearer ${token.token}`,
        accept: 'application/json',
        ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(call.body !== undefined ? { body: call.body } : {}),
      timeoutMs,
      signal: ctx.signal,
      allowList: ctx.allowList,
    });
    return { response, cached: token.cached };
  };
  try {
    const first = await send(false);
    // A revoked or rotated token is refused before Graph looks at the message, so sending again is safe.
    if (first.response.status === 401 && first.cached) return (await send(true)).response;
    return first.response;
  } catch (error) {
    throw alreadyClassified(error, request) ?? error;
  }
}
