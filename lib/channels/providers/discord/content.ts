import { createHash } from 'node:crypto';
import { AllowedMentionsTypes, type APIEmbed, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { z } from 'zod';
import { DeliveryError, type OutgoingMessage } from '../../types';
import { type DiscordConfig, emojiSchema, SNOWFLAKE } from './config';

/**
 * What a Discord message may carry besides its text, from the rendered `message.content`:
 * - `embeds`: up to 10 embed objects, passed as they are;
 * - `files`: attachments ({filename, content | content_base64, description?}), sent as multipart;
 * - `reactions`: emoji added after sending (instead of the channel's list).
 * Other keys are ignored: content may be shared with other providers.
 */

const fileSchema = z
  .strictObject({
    filename: z.string().trim().min(1).max(255),
    content: z.string().optional(),
    content_base64: z.base64().optional(),
    description: z.string().max(1024).optional(),
    content_type: z.string().max(255).optional(),
  })
  .refine((file) => (file.content === undefined) !== (file.content_base64 === undefined), {
    message: 'needs exactly one of content or content_base64',
  });

const contentSchema = z.looseObject({
  embeds: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
  files: z.array(fileSchema).max(10).optional(),
  reactions: z.array(emojiSchema).max(20).optional(),
});

export interface DiscordFile {
  name: string;
  data: Buffer;
  contentType?: string;
}

export interface DiscordContent {
  channelId: string;
  body: RESTPostAPIChannelMessageJSONBody;
  files: DiscordFile[];
  reactions: string[];
}

export function discordContent(config: DiscordConfig, message: OutgoingMessage): DiscordContent {
  const parsed = contentSchema.safeParse(message.content ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DeliveryError(
      `invalid Discord content at content.${issue?.path.join('.')}: ${issue?.message}`,
      'permanent',
    );
  }
  const channelId = message.to.trim() || config.channel_id;
  if (!SNOWFLAKE.test(channelId)) {
    throw new DeliveryError(`"${channelId}" is not a Discord channel ID`, 'permanent');
  }
  const { embeds, files = [], reactions } = parsed.data;
  const text = message.subject ? `**${message.subject}**\n${message.body}` : message.body;
  return {
    channelId,
    body: {
      ...(text ? { content: text } : {}),
      ...(embeds ? { embeds: embeds as APIEmbed[] } : {}),
      ...(files.length
        ? {
            attachments: files.map((file, id) => ({
              id,
              filename: file.filename,
              ...(file.description ? { description: file.description } : {}),
            })),
          }
        : {}),
      // Rendered text must not ping @everyone by accident; users and roles it names still are.
      allowed_mentions: {
        parse: [
          AllowedMentionsTypes.User,
          AllowedMentionsTypes.Role,
          ...(config.allow_everyone_mentions ? [AllowedMentionsTypes.Everyone] : []),
        ],
      },
      // With enforce_nonce Discord returns the earlier message instead of posting a retry twice.
      nonce: nonceOf(message.idempotencyKey),
      enforce_nonce: true,
    },
    files: files.map((file) => ({
      name: file.filename,
      data:
        file.content_base64 !== undefined
          ? Buffer.from(file.content_base64, 'base64')
          : Buffer.from(file.content ?? '', 'utf8'),
      ...(file.content_type ? { contentType: file.content_type } : {}),
    })),
    reactions: reactions ?? config.reactions ?? [],
  };
}

/** Discord nonces are at most 25 characters. */
export function nonceOf(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 25);
}
