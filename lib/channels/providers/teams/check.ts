import { guardedConnect } from '../../../outbound/ssrf';
import { type CheckResult, DeliveryError, type SendContext } from '../../types';
import type { TeamsConfig, TeamsGraphTarget, TeamsWebhookTarget } from './config';
import { teamsFailure } from './errors';
import { channelUrl, graphCall } from './graph';

/**
 * Graph: a token from the client credentials, then GET of the channel (needs Channel.ReadBasic.All), proving
 * credentials, team and channel. Webhook: any POST to the URL runs the flow, so only a TCP (and TLS) connection
 * to its host is made, without sending anything; whether the URL's signature is valid shows on the first send.
 */
export async function checkTeams(config: TeamsConfig, ctx: SendContext): Promise<CheckResult> {
  const timeoutMs = Math.min(config.timeout_seconds * 1000, ctx.timeoutMs);
  try {
    return config.target.mode === 'webhook'
      ? await checkWebhook(config.target, ctx, timeoutMs)
      : await checkGraph(config.target, ctx, timeoutMs);
  } catch (error) {
    if (error instanceof DeliveryError) return { ok: false, detail: error.message };
    throw error;
  }
}

async function checkWebhook(
  target: TeamsWebhookTarget,
  ctx: SendContext,
  timeoutMs: number,
): Promise<CheckResult> {
  const url = new URL(target.webhook_url);
  const secure = url.protocol === 'https:';
  const socket = await guardedConnect({
    host: url.hostname,
    port: Number(url.port || (secure ? 443 : 80)),
    tls: secure,
    allowList: ctx.allowList,
    signal: ctx.signal,
    timeoutMs,
  });
  socket.destroy();
  return {
    ok: true,
    detail: `connected to ${url.host}${secure ? ' with a valid TLS certificate' : ''}; nothing was sent (a webhook cannot be checked without posting)`,
  };
}

async function checkGraph(
  target: TeamsGraphTarget,
  ctx: SendContext,
  timeoutMs: number,
): Promise<CheckResult> {
  const url = channelUrl(target);
  const request = { mode: 'graph', method: 'GET' };
  const response = await graphCall(target, ctx, timeoutMs, { url, method: 'GET' }, request);
  if (response.status !== 200) throw teamsFailure('Microsoft Graph', response, request);
  let name = target.channel_id;
  try {
    name = (JSON.parse(response.body) as { displayName?: string }).displayName ?? name;
  } catch {
    // The channel exists; its name is only for the message.
  }
  return {
    ok: true,
    detail: `got a token for client ${target.client_id}; channel "${name}" found in team ${target.team_id}`,
  };
}
