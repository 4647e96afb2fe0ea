import apn from '@parse/node-apn';
import type { CheckResult, SendContext } from '../../types';
import type { ApnsConfig } from './config';
import { classifyApnsFailure } from './errors';
import { push } from './send';

// No device has this token, so nothing can be delivered; APNs checks the credentials and topic before the token.
const NO_DEVICE = '0'.repeat(64);

/**
 * APNs has no endpoint to check credentials, so the check sends a silent background push (expiring at once) to a
 * device token that cannot exist: BadDeviceToken means APNs accepted the connection, the provider token or
 * certificate, and the topic; any other answer names what is wrong.
 */
export async function checkApns(config: ApnsConfig, ctx: SendContext): Promise<CheckResult> {
  const note = new apn.Notification();
  note.topic = config.bundle_id;
  note.pushType = 'background';
  note.priority = 5;
  note.expiry = 0;
  note.contentAvailable = true;
  try {
    const result = await push(config, note, NO_DEVICE, ctx, {});
    const failure = result.failed[0];
    if (!failure) return { ok: false, detail: 'APNs accepted a push to a device token that cannot exist' };
    if (failure.response?.reason === 'BadDeviceToken') {
      const how =
        config.auth.type === 'token'
          ? `key ${config.auth.key_id} of team ${config.auth.team_id}`
          : 'the certificate';
      return { ok: true, detail: `APNs accepted ${how} for ${config.bundle_id}; nothing was delivered` };
    }
    return { ok: false, detail: classifyApnsFailure(failure, {}, config.timeout_seconds * 1000).message };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}
