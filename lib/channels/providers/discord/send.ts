import { setTimeout as sleep } from 'node:timers/promises';
import { type APIMessage, type REST, Routes } from 'discord.js';
import { redactUrl } from '../../../outbound/http-client';
import type { OutgoingMessage, SendContext, SendResult } from '../../types';
import { DiscordRateLimited, discordClient, timeoutMsOf } from './client';
import type { DiscordConfig } from './config';
import { discordContent } from './content';
import { classifyDiscordError, type DiscordErrorContext } from './errors';

const MAX_REACTION_WAIT_MS = 2_000;
const MAX_REACTION_ATTEMPTS = 3;

/**
 * Creates the message (JSON, or multipart with `payload_json` when there are files); its id is the provider
 * message id. Reactions are added afterwards, one PUT each; the message is delivered by then, so a failed
 * reaction is reported in the response rather than failing the send (a retry would post the message twice).
 */
export async function sendDiscord(
  config: DiscordConfig,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const content = discordContent(config, message);
  const route = Routes.channelMessages(content.channelId);
  const request = {
    method: 'POST',
    url: redactUrl(`${config.api_base_url.replace(/\/+$/, '')}/v10${route}`),
    channel_id: content.channelId,
    content_chars: content.body.content?.length ?? 0,
    embeds: content.body.embeds?.length ?? 0,
    ...(content.files.length ? { files: content.files.map((file) => file.name) } : {}),
    ...(content.reactions.length ? { reactions: content.reactions } : {}),
  };
  const context = { request, timeoutMs: timeoutMsOf(config, ctx), signal: ctx.signal };
  const rest = discordClient(config, ctx);
  let sent: APIMessage;
  try {
    sent = (await rest.post(route, {
      body: content.body,
      files: content.files,
      signal: ctx.signal,
    })) as APIMessage;
  } catch (error) {
    throw classifyDiscordError(error, context);
  }
  const response: Record<string, unknown> = {
    id: sent.id,
    channel_id: sent.channel_id,
    ...(sent.attachments?.length
      ? { attachments: sent.attachments.map((a) => ({ id: a.id, filename: a.filename })) }
      : {}),
  };
  if (content.reactions.length) {
    response.reactions = await react(rest, sent, content.reactions, ctx, context);
  }
  return { providerMessageId: sent.id, responseCode: 200, request, response };
}

async function react(
  rest: REST,
  sent: APIMessage,
  emojis: string[],
  ctx: SendContext,
  context: DiscordErrorContext,
): Promise<Record<string, string>> {
  const results: Record<string, string> = {};
  // One after another: Discord allows about one reaction per quarter second per channel.
  for (const emoji of emojis) {
    const route = Routes.channelMessageOwnReaction(sent.channel_id, sent.id, encodeURIComponent(emoji));
    results[emoji] = await addReaction(rest, route, ctx, context);
  }
  return results;
}

/**
 * The first reaction reveals the bucket, so the second can meet a 429 that the SDK would sleep out and resend.
 * A reaction is idempotent and the message is already delivered, so waiting out a short 429 here, within the
 * attempt's budget, is safe; it is the only place Switchboard retries inside an attempt.
 */
async function addReaction(rest: REST, route: `/${string}`, ctx: SendContext, context: DiscordErrorContext) {
  for (let attempt = 1; ; attempt++) {
    try {
      await rest.put(route, { signal: ctx.signal });
      return 'ok';
    } catch (error) {
      const wait = error instanceof DiscordRateLimited ? (error.retryAfterMs ?? 250) : undefined;
      if (wait === undefined || wait > MAX_REACTION_WAIT_MS || attempt >= MAX_REACTION_ATTEMPTS) {
        return classifyDiscordError(error, context).message;
      }
      try {
        await sleep(wait, undefined, { signal: ctx.signal });
      } catch {
        return 'not added: the attempt ran out of time';
      }
    }
  }
}
