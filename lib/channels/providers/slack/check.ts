import type { CheckResult, SendContext } from '../../types';
import { slackClient, timeoutMsOf } from './client';
import type { SlackConfig } from './config';
import { classifySlackError } from './errors';

const CHANNEL_ID = /^[CGD][A-Z0-9]{6,}$/;

/**
 * auth.test proves the token (and names the bot and workspace) without posting anything. When the channel is
 * given as an ID, conversations.info then proves the bot can see it; that needs channels:read, which a bot that
 * only posts may lack, so a missing scope there is reported rather than counted as a failure.
 */
export async function checkSlack(config: SlackConfig, ctx: SendContext): Promise<CheckResult> {
  const client = slackClient(config, ctx);
  const context = {
    request: { method: 'auth.test' },
    timeoutMs: timeoutMsOf(config, ctx),
    signal: ctx.signal,
  };
  let identity: string;
  try {
    const auth = await client.auth.test();
    identity = `authenticated as ${auth.user ?? auth.user_id ?? 'the bot'} in workspace ${auth.team ?? auth.team_id ?? '?'}`;
  } catch (error) {
    return { ok: false, detail: classifySlackError(error, context).message };
  }
  if (!CHANNEL_ID.test(config.channel)) {
    return { ok: true, detail: `${identity}; channel "${config.channel}" is a name, not checked` };
  }
  try {
    const info = await client.conversations.info({ channel: config.channel });
    const member = info.channel?.is_member === false ? ' (the bot is not a member yet: invite it)' : '';
    return { ok: true, detail: `${identity}; channel ${config.channel} found${member}` };
  } catch (error) {
    const failure = classifySlackError(error, { ...context, request: { method: 'conversations.info' } });
    if (failure.details.response?.error === 'missing_scope') {
      return { ok: true, detail: `${identity}; channel not checked: ${failure.message}` };
    }
    return { ok: false, detail: `${identity}, but ${failure.message}` };
  }
}
