import type { Block, KnownBlock, WebClient } from '@slack/web-api';
import { redactUrl } from '../../../outbound/http-client';
import type { OutgoingMessage, SendContext, SendResult } from '../../types';
import { slackClient, timeoutMsOf } from './client';
import type { SlackConfig } from './config';
import { type SlackContent, type SlackFile, slackContent } from './content';
import { classifySlackError } from './errors';

/**
 * Posts with chat.postMessage; the provider message id is the message's `ts`, which is also what a later send
 * puts in `content.thread_ts` to reply in its thread. Files follow in a files.uploadV2 upload to the same channel
 * (and thread). The message is already delivered by then, so a failed upload is reported in the response rather
 * than failing the send, whose retry would post the message twice.
 */
export async function sendSlack(
  config: SlackConfig,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const content = await slackContent(config, message);
  const request = {
    method: 'chat.postMessage',
    url: redactUrl(new URL('chat.postMessage', withSlash(config.api_base_url))),
    channel: content.channel,
    text_chars: content.text.length,
    blocks: content.blocks?.length ?? 0,
    ...(content.threadTs ? { thread_ts: content.threadTs } : {}),
    ...(content.files.length ? { files: content.files.map((file) => file.filename) } : {}),
  };
  const context = { request, timeoutMs: timeoutMsOf(config, ctx), signal: ctx.signal };
  const client = slackClient(config, ctx);
  let posted: { channel?: string; ts?: string };
  try {
    posted = await client.chat.postMessage({
      channel: content.channel,
      text: content.text,
      ...(content.blocks ? { blocks: content.blocks as unknown as (KnownBlock | Block)[] } : {}),
      ...(content.threadTs ? { thread_ts: content.threadTs } : {}),
    });
  } catch (error) {
    throw classifySlackError(error, context);
  }
  const response: Record<string, unknown> = {
    ok: true,
    channel: posted.channel ?? content.channel,
    ts: posted.ts ?? null,
  };
  if (content.files.length) {
    response.files = await uploadFiles(client, posted.channel ?? content.channel, content, context);
  }
  return { providerMessageId: posted.ts ?? null, responseCode: 200, request, response };
}

async function uploadFiles(
  client: WebClient,
  channelId: string,
  content: SlackContent,
  context: Parameters<typeof classifySlackError>[1],
): Promise<Record<string, unknown>> {
  try {
    const result = (await client.files.uploadV2({
      channel_id: channelId,
      ...(content.threadTs ? { thread_ts: content.threadTs } : {}),
      // Always a Buffer: a string `file` would be read from the local disk by the SDK.
      file_uploads: content.files.map((file: SlackFile) => ({
        file: file.data,
        filename: file.filename,
        ...(file.title ? { title: file.title } : {}),
      })),
    })) as { files?: { files?: { id?: string }[] }[] };
    const ids = (result.files ?? []).flatMap((completion) => completion.files ?? []).map((file) => file.id);
    return { ok: true, ids };
  } catch (error) {
    const failure = classifySlackError(error, context);
    return { ok: false, error: failure.message };
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
