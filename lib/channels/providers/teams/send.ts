import type { OutgoingMessage, SendContext, SendResult } from '../../types';
import { adaptiveCard } from './card';
import type { TeamsConfig } from './config';
import { sendGraph } from './graph';
import { sendWebhook } from './webhook';

/** Builds the Adaptive Card once and posts it the configured way; the recipient is not used. */
export async function sendTeams(
  config: TeamsConfig,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const card = adaptiveCard(message);
  const timeoutMs = Math.min(config.timeout_seconds * 1000, ctx.timeoutMs);
  return config.target.mode === 'webhook'
    ? sendWebhook(config.target, card, ctx, timeoutMs)
    : sendGraph(config.target, card, message, ctx, timeoutMs);
}
