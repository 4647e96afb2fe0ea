import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { budgetMs } from '../../aws/client-options';
import type { CheckResult, SendContext } from '../../types';
import { sesClient } from './client';
import { type SesConfig, sesEndpoint } from './config';
import { classifySesError } from './errors';

/**
 * GetAccount: a signed, read-only call, so it proves the endpoint, the region and the keys, and tells whether
 * sending is enabled, whether the account is still in the sandbox (only verified recipients) and its quota.
 */
export async function checkSes(config: SesConfig, ctx: SendContext): Promise<CheckResult> {
  const endpoint = sesEndpoint(config);
  try {
    const client = await sesClient(config, ctx);
    const account = await client.send(new GetAccountCommand({}), { abortSignal: ctx.signal });
    const quota = account.SendQuota;
    const facts = [
      account.ProductionAccessEnabled
        ? 'production access'
        : 'sandbox: only verified recipients receive mail',
      ...(quota
        ? [
            `${quota.SentLast24Hours ?? 0} of ${quota.Max24HourSend ?? '?'} sent in 24 h, ${quota.MaxSendRate ?? '?'}/s`,
          ]
        : []),
    ];
    if (!account.SendingEnabled) {
      return {
        ok: false,
        detail: `SES accepted the keys, but sending is paused for this account in ${config.region}`,
      };
    }
    return {
      ok: true,
      detail: `authenticated with SES at ${endpoint} (${config.region}); ${facts.join('; ')}`,
    };
  } catch (error) {
    return { ok: false, detail: classifySesError(error, { endpoint }, budgetMs(config, ctx)).message };
  }
}
