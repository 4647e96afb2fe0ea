import type { CheckResult, SendContext } from '../../types';
import { messageName, postMessage } from './api';
import { loadServiceAccount } from './auth';
import type { FcmConfig } from './config';
import { classifyFailure, readFailure } from './errors';

// A topic nobody subscribes to; with validate_only FCM checks the request and delivers nothing anyway.
const CHECK_TOPIC = 'switchboard-health-check';

/**
 * Exchanges the service-account assertion for an access token, then asks FCM to validate (`validate_only: true`)
 * a message to a topic: that proves the key, the project id and the permission to send, and delivers nothing.
 */
export async function checkFcm(config: FcmConfig, ctx: SendContext): Promise<CheckResult> {
  const target = { topic: CHECK_TOPIC };
  try {
    const account = loadServiceAccount(config);
    const response = await postMessage(
      config,
      { message: { ...target, notification: { title: 'Switchboard check' } }, validate_only: true },
      ctx,
    );
    if (response.status !== 200) throw classifyFailure(readFailure(response), response, target, {});
    const name = messageName(response);
    return {
      ok: true,
      detail: `authenticated as ${account.client_email}; FCM validated a dry-run message (${name ?? 'no name'}), nothing was delivered`,
    };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}
