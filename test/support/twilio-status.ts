import { createHmac } from 'node:crypto';
import * as statusHook from '../../app/api/v1/hooks/status/[channel_id]/route';
import { createChannelSchema } from '../../lib/channels/schemas';
import { createChannel } from '../../lib/channels/service';
import type { TwilioFake } from '../fakes/twilio';
import { call, uniq } from './factories';

/** A Twilio channel sending through the fake, created as the API does. */
export function twilioChannel(twilio: TwilioFake) {
  return createChannel(
    createChannelSchema.parse({
      name: `sms-${uniq()}`,
      provider: 'twilio',
      config: {
        account_sid: twilio.accountSid,
        auth_token: twilio.authToken,
        from: '+14155550100',
        base_url: twilio.url,
      },
    }),
    { principal: null },
  );
}

/** Twilio's scheme: HMAC-SHA1 of the URL followed by the sorted form parameters, with the auth token. */
export const twilioSignature = (token: string, url: string, params: Record<string, string>) =>
  createHmac('sha1', token)
    .update(
      Object.keys(params)
        .sort()
        .reduce((data, name) => data + name + params[name], url),
    )
    .digest('base64');

/** The status hook's URL as the route sees it (what Twilio signs). */
export const statusHookUrl = (channelId: string) => `http://localhost/api/v1/hooks/status/${channelId}`;

/** A status callback to the channel's hook, form-encoded as Twilio posts it, with `signature`. */
export function postStatusCallback(channelId: string, params: Record<string, string>, signature: string) {
  return call(statusHook.POST, {
    method: 'POST',
    path: `/api/v1/hooks/status/${channelId}`,
    params: { channel_id: channelId },
    rawBody: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
  });
}
