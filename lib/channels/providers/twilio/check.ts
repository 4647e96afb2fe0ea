import type { CheckResult, SendContext } from '../../types';
import { twilioClient } from './client';
import type { TwilioConfig } from './config';
import { classifyTwilioError } from './errors';

/**
 * Fetches the account itself (GET /2010-04-01/Accounts/{Sid}.json): proves the SID and token and shows whether
 * the account is active, without creating anything.
 */
export async function checkTwilio(config: TwilioConfig, ctx: SendContext): Promise<CheckResult> {
  const { client, http } = twilioClient(config, ctx);
  try {
    const account = await client.api.v2010.accounts(config.account_sid).fetch();
    const what = `account "${account.friendlyName}" (${account.sid}, ${account.type}, ${account.status})`;
    if (account.status !== 'active') return { ok: false, detail: `authenticated, but ${what} cannot send` };
    return { ok: true, detail: `authenticated as ${what}` };
  } catch (error) {
    return { ok: false, detail: classifyTwilioError(error, http, {}).message };
  }
}
