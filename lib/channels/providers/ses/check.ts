import { GetAccountSendingEnabledCommand, GetSendQuotaCommand } from '@aws-sdk/client-ses';
import { budgetMs } from '../../aws/client-options';
import type { CheckResult, SendContext } from '../../types';
import { sesClient } from './client';
import { type SesConfig, sesEndpoint } from './config';
import { classifySesError } from './errors';

/**
 * GetSendQuota and GetAccountSendingEnabled: signed, read-only calls, so they prove the endpoint, the region and
 * the keys, and tell whether sending is enabled in the region and the account's quota. (Whether the account is
 * still in the sandbox is not in the v1 API; the quota of a sandbox account is 200 a day at 1/s.)
 */
export async function checkSes(config: SesConfig, ctx: SendContext): Promise<CheckResult> {
  const endpoint = sesEndpoint(config);
  try {
    const client = await sesClient(config, ctx);
    const options = { abortSignal: ctx.signal };
    const quota = await client.send(new GetSendQuotaCommand({}), options);
    const sending = await client.send(new GetAccountSendingEnabledCommand({}), options);
    if (!sending.Enabled) {
      return {
        ok: false,
        detail: `SES accepted the keys, but sending is paused for this account in ${config.region}`,
      };
    }
    return {
      ok: true,
      detail: `authenticated with SES at ${endpoint} (${config.region}); ${quota.SentLast24Hours ?? 0} of ${quota.Max24HourSend ?? '?'} sent in 24 h, ${quota.MaxSendRate ?? '?'}/s`,
    };
  } catch (error) {
    return { ok: false, detail: classifySesError(error, { endpoint }, budgetMs(config, ctx)).message };
  }
}
