import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { startApnsFake } from '../test/fakes/apns';
import { startDiscordFake } from '../test/fakes/discord';
import { startFcmFake } from '../test/fakes/fcm';
import { startMailgunFake } from '../test/fakes/mailgun';
import { startSendgridFake } from '../test/fakes/sendgrid';
import { startSesFake } from '../test/fakes/ses';
import { startSlackFake } from '../test/fakes/slack';
import { startSnsFake } from '../test/fakes/sns';
import { startTeamsFake } from '../test/fakes/teams';
import { startTwilioFake } from '../test/fakes/twilio';
import { startVonageFake } from '../test/fakes/vonage';
import { generateSubscriptionKeys, startWebpushFake } from '../test/fakes/webpush';
import { startHttpSink } from '../test/support/http-sink';
import { startSmtpSink } from '../test/support/smtp-sink';
import { createChannelInConsole, expectHealthy, sendTestMessage } from './support/channels';
import { signInAsAdmin, uniqueName } from './support/session';

// Every provider in lib/channels/registry.ts, set up from the console form against its contract fake (or a
// local sink): the form's fields by label, "Send test", then "Check health".

interface Setup {
  /** Settings by label, in order; the advanced endpoint field points at the fake. */
  fields: [label: string, value: string][];
  /** Runs after the provider is chosen, before the fields are filled. */
  prepare?: (page: Page) => Promise<void>;
  /** The test's recipient, for providers that need one (read once the channel exists). */
  recipient?: (page: Page) => Promise<string> | string;
  close(): Promise<void>;
}

const EMAIL_TO = 'ops@example.test';
const PHONE_TO = '+14155552671';

const PROVIDERS: Record<string, { label: string; setup: () => Promise<Setup> }> = {
  webhook: {
    label: 'Webhook (Standard Webhooks)',
    async setup() {
      const sink = await startHttpSink();
      return { fields: [['URL', `${sink.url}/hook`]], close: () => sink.close() };
    },
  },
  smtp: {
    label: 'SMTP',
    async setup() {
      const smtp = await startSmtpSink();
      return {
        fields: [
          ['Host', smtp.host],
          ['Port', String(smtp.port)],
          ['Encryption', 'none'],
          ['From', 'Switchboard <noreply@example.test>'],
        ],
        recipient: () => EMAIL_TO,
        // The server keeps its pooled connection open, which smtp-server's close would wait out (30 s);
        // closing stops new connections and the pool's socket ends with the run.
        close: async () => void smtp.close(),
      };
    },
  },
  sendgrid: {
    label: 'SendGrid',
    async setup() {
      const fake = await startSendgridFake();
      return {
        fields: [
          ['API key', fake.apiKey],
          ['From', 'Switchboard <noreply@example.test>'],
          ['API base URL (advanced)', fake.url],
        ],
        recipient: () => EMAIL_TO,
        close: () => fake.close(),
      };
    },
  },
  mailgun: {
    label: 'Mailgun',
    async setup() {
      const fake = await startMailgunFake();
      return {
        fields: [
          ['API key', fake.apiKey],
          ['Sending domain', fake.domain],
          ['From', `Switchboard <noreply@${fake.domain}>`],
          ['API base URL (advanced)', fake.url],
        ],
        recipient: () => EMAIL_TO,
        close: () => fake.close(),
      };
    },
  },
  ses: {
    label: 'Amazon SES',
    async setup() {
      const fake = await startSesFake();
      return {
        fields: [
          ['AWS region', fake.region],
          ['Access key ID', fake.accessKeyId],
          ['Secret access key', fake.secretAccessKey],
          ['From', 'Switchboard <noreply@example.test>'],
          ['Endpoint (advanced)', fake.url],
        ],
        recipient: () => EMAIL_TO,
        close: () => fake.close(),
      };
    },
  },
  twilio: {
    label: 'Twilio SMS',
    async setup() {
      const fake = await startTwilioFake();
      return {
        fields: [
          ['Account SID', fake.accountSid],
          ['Auth token', fake.authToken],
          ['From', '+14155550100'],
          ['API base URL (advanced)', fake.url],
        ],
        recipient: () => PHONE_TO,
        close: () => fake.close(),
      };
    },
  },
  sns: {
    label: 'Amazon SNS (SMS)',
    async setup() {
      const fake = await startSnsFake();
      return {
        fields: [
          ['AWS region', fake.region],
          ['Access key ID', fake.accessKeyId],
          ['Secret access key', fake.secretAccessKey],
          ['Sender ID', 'Acme'],
          ['Endpoint (advanced)', fake.url],
        ],
        recipient: () => PHONE_TO,
        close: () => fake.close(),
      };
    },
  },
  vonage: {
    label: 'Vonage SMS',
    async setup() {
      const fake = await startVonageFake();
      return {
        fields: [
          ['API key', fake.apiKey],
          ['API secret', fake.apiSecret],
          ['From', 'Acme'],
          ['REST host (advanced)', fake.url],
        ],
        recipient: () => PHONE_TO,
        close: () => fake.close(),
      };
    },
  },
  fcm: {
    label: 'Firebase Cloud Messaging (HTTP v1)',
    async setup() {
      const fake = await startFcmFake();
      return {
        fields: [
          ['Service account key (JSON)', fake.serviceAccount],
          ['API base URL', fake.url],
          ['OAuth token URL', fake.tokenUrl],
        ],
        recipient: () => `c${randomBytes(8).toString('hex')}:APA91b${randomBytes(60).toString('base64url')}`,
        close: () => fake.close(),
      };
    },
  },
  apns: {
    label: 'Apple Push Notification service',
    async setup() {
      const bundleId = 'com.example.shop';
      const [teamId, keyId] = ['TEAM123456', 'KEY1234567'];
      const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      const fake = await startApnsFake({ bundleId, token: { teamId, keyId, publicKey: pair.publicKey } });
      const device = randomBytes(32).toString('hex');
      fake.registerDevice(device);
      return {
        fields: [
          ['Authentication', 'token'],
          ['Signing key (.p8)', pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string],
          ['Key id', keyId],
          ['Team id', teamId],
          ['Bundle id', bundleId],
          ['Environment', 'sandbox'],
          ['Gateway URL', fake.url],
          ['Gateway CA (PEM)', fake.ca],
        ],
        recipient: () => device,
        close: () => fake.close(),
      };
    },
  },
  webpush: {
    label: 'Web Push (VAPID)',
    async setup() {
      const fake = await startWebpushFake();
      return {
        // The key pair comes from the form's "Generate VAPID keys".
        prepare: async (page) => {
          await page.getByRole('button', { name: 'Generate VAPID keys' }).click();
          await expect(page.getByLabel('VAPID public key', { exact: true })).not.toHaveValue('');
          await expect(page.getByLabel('VAPID private key', { exact: true })).not.toHaveValue('');
        },
        fields: [
          ['VAPID subject', 'mailto:ops@example.test'],
          ['Extra CA (PEM)', fake.ca],
        ],
        // A browser subscribes with the channel's public key (shown unmasked on the saved channel).
        recipient: async (page) => {
          const publicKey = await page.getByLabel('VAPID public key', { exact: true }).inputValue();
          return JSON.stringify(fake.subscribe(generateSubscriptionKeys(), publicKey));
        },
        close: () => fake.close(),
      };
    },
  },
  slack: {
    label: 'Slack',
    async setup() {
      const token = `xoxb-${randomBytes(6).toString('hex')}-${randomBytes(12).toString('hex')}`;
      const fake = await startSlackFake({ token, channels: { C0ALERTS1: 'alerts' } });
      return {
        fields: [
          ['Bot token', token],
          ['Channel', 'C0ALERTS1'],
          ['API base URL', fake.apiUrl],
        ],
        close: () => fake.close(),
      };
    },
  },
  discord: {
    label: 'Discord',
    async setup() {
      const token = `MTEwMDAwMDAwMDAwMDAwMDAwMQ.${randomBytes(4).toString('hex')}.${randomBytes(16).toString('hex')}`;
      const channel = '1300000000000000001';
      const fake = await startDiscordFake({ token, channels: { [channel]: 'alerts' } });
      return {
        fields: [
          ['Bot token', token],
          ['Channel ID', channel],
          ['API base URL', fake.apiUrl],
        ],
        close: () => fake.close(),
      };
    },
  },
  teams: {
    label: 'Microsoft Teams',
    async setup() {
      const [tenant, clientId, clientSecret] = [
        'contoso.onmicrosoft.com',
        randomUUID(),
        `sec~${randomUUID()}`,
      ];
      const channel = '19:a1b2c3d4e5@thread.tacv2';
      const fake = await startTeamsFake({
        tenant,
        clientId,
        clientSecret,
        teamId: randomUUID(),
        channels: { [channel]: 'Alerts' },
      });
      return {
        fields: [
          ['Mode', 'webhook'],
          ['Webhook URL', fake.webhookUrl],
        ],
        close: () => fake.close(),
      };
    },
  },
};

test('the console offers exactly these providers', async ({ page }) => {
  await signInAsAdmin(page);
  const res = await page.request.get('/api/v1/channels/providers');
  const described = ((await res.json()) as { provider: string; label: string }[]).map((p) => [
    p.provider,
    p.label,
  ]);
  expect(described.sort()).toEqual(
    Object.entries(PROVIDERS)
      .map(([provider, { label }]) => [provider, label])
      .sort(),
  );
});

for (const [provider, { label, setup }] of Object.entries(PROVIDERS)) {
  test(`${provider}: a channel from the console form sends a test message and checks healthy`, async ({
    page,
  }) => {
    const fake = await setup();
    try {
      await signInAsAdmin(page);
      await createChannelInConsole(page, {
        name: uniqueName(`e2e-${provider}`),
        provider: label,
        fields: fake.fields,
        prepare: fake.prepare,
      });
      await sendTestMessage(page, fake.recipient ? await fake.recipient(page) : undefined);
      await expectHealthy(page);
    } finally {
      await fake.close();
    }
  });
}
