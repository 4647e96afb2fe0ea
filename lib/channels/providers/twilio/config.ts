import { z } from 'zod';
import { smsSender } from '../../phone';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2048);

export const twilioConfigSchema = z
  .strictObject({
    account_sid: z
      .string()
      .trim()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hexadecimal characters')
      .meta({ label: 'Account SID' }),
    auth_token: z.string().trim().min(1).max(256).meta({
      secret: true,
      label: 'Auth token',
      description: 'Authenticates API calls and checks the X-Twilio-Signature of status callbacks.',
    }),
    from: smsSender.optional().meta({
      label: 'From',
      description:
        'A Twilio phone number (E.164), short code or alphanumeric sender ID. Optional with a messaging service.',
    }),
    messaging_service_sid: z
      .string()
      .trim()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'must be MG followed by 32 hexadecimal characters')
      .optional()
      .meta({
        label: 'Messaging service SID',
        description:
          'Lets Twilio pick the sender from the service’s pool; `from`, if set, must belong to it.',
      }),
    status_callback_url: httpUrl.optional().meta({
      label: 'Status callback URL',
      description:
        'Public URL of this channel’s status hook (…/api/v1/hooks/status/<channel id>), sent with every message. Twilio signs the URL it calls, so it is also used to check signatures behind a proxy.',
    }),
    base_url: httpUrl.default('https://api.twilio.com').meta({
      label: 'API base URL (advanced)',
      description:
        'For a Twilio region (e.g. https://api.dublin.ie1.twilio.com, with that region’s credentials) or a proxy.',
    }),
    timeout_seconds: z.number().int().min(1).max(60).default(15).meta({ label: 'Timeout (seconds)' }),
  })
  .refine((config) => config.from || config.messaging_service_sid, {
    path: ['from'],
    message: 'is required unless a messaging service SID is set',
  });

export type TwilioConfig = z.output<typeof twilioConfigSchema>;
