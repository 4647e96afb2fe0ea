import type { CheckResult, SendContext } from '../../types';
import { loadServiceAccount } from './client';
import type { FcmConfig } from './config';
import { invokeFcm } from './invoke';

// A topic nobody subscribes to; with validate_only FCM checks the request and delivers nothing anyway.
const CHECK_TOPIC = 'switchboard-health-check';

/**
 * Exchanges the service-account assertion for an access token, then asks FCM to validate (a dry run:
 * `validate_only: true`) a message to a topic: that proves the key, the project id, the proxy if one is set and
 * the permission to send, and delivers nothing.
 */
export async function checkFcm(config: FcmConfig, ctx: SendContext): Promise<CheckResult> {
  const target = { topic: CHECK_TOPIC };
  try {
    const account = loadServiceAccount(config);
    const name = await invokeFcm(config, ctx, target, (messaging) =>
      messaging.send({ ...target, notification: { title: 'Switchboard check' } }, true),
    );
    return {
      ok: true,
      detail: `authenticated as ${account.client_email}; FCM validated a dry-run message (${name || 'no name'}), nothing was delivered`,
    };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}
