import { z } from 'zod';

export const DISCORD_API_URL = 'https://discord.com/api';

export const SNOWFLAKE = /^\d{17,20}$/;

/** A Unicode emoji, or a custom one as name:id (the form the reactions route takes). */
export const emojiSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((value) => /^\w{2,32}:\d{17,20}$/.test(value) || !/[\s:/]/.test(value), {
    message: 'must be a Unicode emoji or name:id of a custom emoji',
  });

export const discordConfigSchema = z.strictObject({
  bot_token: z
    .string()
    .trim()
    .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'must be a Discord bot token (three dot-separated parts)')
    .max(200)
    .meta({
      secret: true,
      label: 'Bot token',
      description:
        'From the Developer Portal; the bot needs Send Messages (and Attach Files, Add Reactions).',
    }),
  channel_id: z.string().trim().regex(SNOWFLAKE, 'must be a channel ID (a snowflake)').meta({
    label: 'Channel ID',
    description: 'A message recipient, when set, is used instead.',
  }),
  reactions: z.array(emojiSchema).max(20).optional().meta({
    label: 'Reactions',
    description: 'Emoji the bot adds to every message it sends, e.g. ["✅", "party:123456789012345678"].',
  }),
  allow_everyone_mentions: z.boolean().default(false).meta({
    label: 'Allow @everyone / @here',
    description: 'Off: rendered text cannot ping everyone; user and role mentions still work.',
  }),
  api_base_url: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .max(2048)
    .default(DISCORD_API_URL)
    .meta({
      label: 'API base URL',
      description: `Advanced: Discord API root without the version (default ${DISCORD_API_URL}).`,
    }),
  timeout_seconds: z.number().int().min(1).max(30).default(10).meta({ label: 'Timeout (seconds)' }),
});

export type DiscordConfig = z.output<typeof discordConfigSchema>;
