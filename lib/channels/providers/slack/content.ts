import { z } from 'zod';
import { render } from '../../../workflows/templates';
import { DeliveryError, type OutgoingMessage } from '../../types';
import type { SlackConfig } from './config';

/**
 * What a Slack message may carry besides its text, from the rendered `message.content`:
 * - `blocks`: Block Kit blocks (wins over the channel's blocks template);
 * - `thread_ts`: the `ts` of a message to reply to in its thread (e.g. the provider_message_id of an earlier send);
 * - `files`: attachments, uploaded with files.uploadV2 into the same channel (and thread) after the message.
 * Other keys are ignored: content may be shared with other providers.
 */

const fileSchema = z
  .strictObject({
    filename: z.string().trim().min(1).max(255),
    content: z.string().optional(),
    content_base64: z.base64().optional(),
    title: z.string().max(255).optional(),
  })
  .refine((file) => (file.content === undefined) !== (file.content_base64 === undefined), {
    message: 'needs exactly one of content or content_base64',
  });

const contentSchema = z.looseObject({
  blocks: z
    .array(z.looseObject({ type: z.string().min(1) }))
    .max(50)
    .optional(),
  thread_ts: z
    .string()
    .regex(/^\d+\.\d+$/, 'must be a Slack message ts such as 1712345678.000100')
    .optional(),
  files: z.array(fileSchema).max(10).optional(),
});

export interface SlackFile {
  filename: string;
  title?: string;
  data: Buffer;
}

export interface SlackContent {
  channel: string;
  text: string;
  blocks?: Record<string, unknown>[];
  threadTs?: string;
  files: SlackFile[];
}

/** Everything chat.postMessage needs; a malformed content or template is a permanent failure. */
export async function slackContent(config: SlackConfig, message: OutgoingMessage): Promise<SlackContent> {
  const parsed = contentSchema.safeParse(message.content ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DeliveryError(
      `invalid Slack content at content.${issue?.path.join('.')}: ${issue?.message}`,
      'permanent',
    );
  }
  const { blocks, thread_ts, files = [] } = parsed.data;
  return {
    channel: message.to.trim() || config.channel,
    // Slack shows `text` in notifications and as the fallback for blocks; the subject leads in bold.
    text: message.subject ? `*${message.subject}*\n${message.body}` : message.body,
    blocks: blocks ?? (config.blocks ? await renderBlocks(config.blocks, message) : undefined),
    ...(thread_ts ? { threadTs: thread_ts } : {}),
    files: files.map((file) => ({
      filename: file.filename,
      ...(file.title ? { title: file.title } : {}),
      data:
        file.content_base64 !== undefined
          ? Buffer.from(file.content_base64, 'base64')
          : Buffer.from(file.content ?? '', 'utf8'),
    })),
  };
}

async function renderBlocks(template: string, message: OutgoingMessage): Promise<Record<string, unknown>[]> {
  const scope = {
    subject: message.subject ?? '',
    body: message.body,
    recipient: message.to,
    content: message.content ?? {},
  };
  let rendered: string;
  try {
    rendered = await render(template, scope, 'blocks');
  } catch (error) {
    throw new DeliveryError(`template error in ${(error as Error).message}`, 'permanent');
  }
  let blocks: unknown;
  try {
    blocks = JSON.parse(rendered);
  } catch (error) {
    throw new DeliveryError(
      `the blocks template did not render JSON: ${(error as Error).message}`,
      'permanent',
    );
  }
  if (!Array.isArray(blocks))
    throw new DeliveryError('the blocks template must render a JSON array', 'permanent');
  return blocks as Record<string, unknown>[];
}
