import type { CheckResult, SendContext } from '../../types';
import { abortable, budgetMs, timeoutError, vonageClient } from './client';
import type { VonageConfig } from './config';
import { classifyVonageError } from './errors';

/** GET {rest_host}/account/get-balance: authenticates the key and secret and shows the credit left, sending nothing. */
export async function checkVonage(config: VonageConfig, ctx: SendContext): Promise<CheckResult> {
  const timeoutMs = budgetMs(config, ctx);
  try {
    const vonage = await vonageClient(config, ctx);
    const balance = await abortable(vonage.accounts.getBalance(), ctx.signal, () => timeoutError(timeoutMs));
    return {
      ok: true,
      detail: `authenticated as API key ${config.api_key}; balance ${balance.value}${balance.autoReload ? ' (auto-reload on)' : ''}`,
    };
  } catch (error) {
    return { ok: false, detail: (await classifyVonageError(error, {}, timeoutMs)).message };
  }
}
