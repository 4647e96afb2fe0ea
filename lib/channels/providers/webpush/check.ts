import { createPublicKey } from 'node:crypto';
import { jwtVerify } from 'jose';
import webpush from 'web-push';
import type { CheckResult, SendContext } from '../../types';
import type { WebpushConfig } from './config';
import { vapidPairProblem } from './vapid';

const SAMPLE_AUDIENCE = 'https://push.example.invalid';

/**
 * Push services are chosen by each browser and have no credentials endpoint, so there is nothing to connect to:
 * the check proves the VAPID keys are a pair and that web-push signs a JWT with them that verifies with the public
 * key the browsers subscribed with.
 */
export async function checkWebpush(config: WebpushConfig, _ctx: SendContext): Promise<CheckResult> {
  const problem = vapidPairProblem(config.vapid_public_key, config.vapid_private_key);
  if (problem) return { ok: false, detail: `VAPID keys: ${problem}` };
  try {
    const { Authorization } = webpush.getVapidHeaders(
      SAMPLE_AUDIENCE,
      config.vapid_subject,
      config.vapid_public_key,
      config.vapid_private_key,
      'aes128gcm',
    ) as { Authorization: string };
    const jwt = /^vapid t=([^,]+), k=/.exec(Authorization)?.[1] ?? '';
    const point = Buffer.from(config.vapid_public_key, 'base64url');
    const key = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    });
    await jwtVerify(jwt, key, {
      algorithms: ['ES256'],
      audience: SAMPLE_AUDIENCE,
      subject: config.vapid_subject,
    });
    return {
      ok: true,
      detail:
        'the VAPID key pair signs a valid JWT; push services are per subscription, so nothing was contacted',
    };
  } catch (error) {
    return { ok: false, detail: `VAPID signing failed: ${(error as Error).message}` };
  }
}
