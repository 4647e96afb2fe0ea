import type { CheckResult, SendContext } from '../../types';
import { abortable, budgetMs, mailgunClient } from './client';
import type { MailgunConfig } from './config';
import { classifyMailgunError } from './errors';

/**
 * GET /v4/domains/<domain>: an authenticated read of the sending domain, so it proves the endpoint, the key and
 * that the domain exists in this account (and region), and reports the domain's state, without sending.
 */
export async function checkMailgun(config: MailgunConfig, ctx: SendContext): Promise<CheckResult> {
  const timeoutMs = budgetMs(config, ctx);
  const request = {
    method: 'GET',
    url: `${config.base_url.replace(/\/+$/, '')}/v4/domains/${config.domain}`,
    base_url: config.base_url,
  };
  try {
    const client = await mailgunClient(config, ctx);
    const domain = await abortable(client.domains.get(config.domain), ctx.signal, timeoutMs);
    const state = domain.state ?? 'unknown';
    if (state !== 'active') {
      return {
        ok: false,
        detail: `Mailgun domain ${config.domain} is ${state}: it cannot send until verified`,
      };
    }
    return {
      ok: true,
      detail: `Mailgun at ${config.base_url} accepted the key; domain ${config.domain} is active`,
    };
  } catch (error) {
    const failure = classifyMailgunError(error, request, timeoutMs);
    const hint =
      failure.details.responseCode === 401 || failure.details.responseCode === 403
        ? ' (a domain sending key can send but not read the domain)'
        : '';
    return { ok: false, detail: `${failure.message}${hint}` };
  }
}
