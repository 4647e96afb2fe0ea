import { GetSMSSandboxAccountStatusCommand } from '@aws-sdk/client-sns';
import { budgetMs } from '../../aws/client-options';
import type { CheckResult, SendContext } from '../../types';
import { snsClient } from './client';
import { type SnsConfig, snsEndpoint } from './config';
import { classifySnsError } from './errors';

/**
 * GetSMSSandboxAccountStatus: a signed, read-only call, so it proves the keys and the endpoint and tells whether
 * the account is still in the SMS sandbox (where only verified numbers receive texts). A policy that allows
 * Publish but not this call yields AuthorizationError: the keys themselves were accepted, which is reported.
 */
export async function checkSns(config: SnsConfig, ctx: SendContext): Promise<CheckResult> {
  const endpoint = snsEndpoint(config);
  try {
    const client = await snsClient(config, ctx);
    const { IsInSandbox } = await client.send(new GetSMSSandboxAccountStatusCommand({}), {
      abortSignal: ctx.signal,
    });
    const sandbox = IsInSandbox
      ? 'the account is in the SMS sandbox: only verified destination numbers receive messages'
      : 'the account is out of the SMS sandbox';
    return { ok: true, detail: `authenticated with SNS at ${endpoint} (${config.region}); ${sandbox}` };
  } catch (error) {
    const failure = classifySnsError(error, { endpoint }, budgetMs(config, ctx));
    const code = (failure.details.response as { code?: string } | undefined)?.code;
    if (code === 'AuthorizationError' || code === 'AuthorizationErrorException') {
      return {
        ok: true,
        detail: `SNS accepted the keys, but they may not call GetSMSSandboxAccountStatus (sending needs only sns:Publish): ${failure.message}`,
      };
    }
    return { ok: false, detail: failure.message };
  }
}
