import { type APIChannel, type APIUser, Routes } from 'discord.js';
import type { CheckResult, SendContext } from '../../types';
import { discordClient, timeoutMsOf } from './client';
import type { DiscordConfig } from './config';
import { classifyDiscordError } from './errors';

/**
 * GET /users/@me proves the token and names the bot; GET /channels/{id} proves the bot can see the channel
 * (403 Missing Access or 404 Unknown Channel otherwise). Nothing is posted.
 */
export async function checkDiscord(config: DiscordConfig, ctx: SendContext): Promise<CheckResult> {
  const rest = discordClient(config, ctx);
  const context = (route: string) => ({
    request: { method: 'GET', route },
    timeoutMs: timeoutMsOf(config, ctx),
    signal: ctx.signal,
  });
  let bot: APIUser;
  try {
    bot = (await rest.get(Routes.user('@me'), { signal: ctx.signal })) as APIUser;
  } catch (error) {
    return { ok: false, detail: classifyDiscordError(error, context('/users/@me')).message };
  }
  const identity = `authenticated as ${bot.username} (${bot.id})`;
  try {
    const channel = (await rest.get(Routes.channel(config.channel_id), { signal: ctx.signal })) as APIChannel;
    const name = 'name' in channel && channel.name ? `#${channel.name}` : channel.id;
    return { ok: true, detail: `${identity}; channel ${name} is visible to the bot` };
  } catch (error) {
    const failure = classifyDiscordError(error, context(`/channels/${config.channel_id}`));
    return { ok: false, detail: `${identity}, but ${failure.message}` };
  }
}
