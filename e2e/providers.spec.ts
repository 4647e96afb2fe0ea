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
import { startConnectProxy } from '../test/support/connect-proxy';
import { startHttpSink } from '../test/support/http-sink';
import { startSmtpSink } from '../test/support/smtp-sink';
import { createChannelInConsole, expectHealthy, sendTestMessage } from './support/channels';
import { signInAsAdmin, uniqueName } from './support/session';

// Every provider in lib/channels/registry.ts, set up from the console form against its contract fake (or a
// local sink): the form's fields by label, "Send test" (and what the fake received from it), then "Check health".

interface Setup {
  /** Settings by label, in order; the advanced endpoint field points at the fake. */
  fields: [label: string, value: string][];
  /** Runs after the provider is chosen, before the fields are filled. */
  prepare?: (page: Page) => Promise<void>;
  /** The test's recipient, for providers that need one (read once the channel exists). */
  recipient?: (page: Page) => Promise<string> | string;
  /** Asserts what the fake received from "Send test": path, credentials, the message's fields. */
  received(sent: Sent): void | Promise<void>;
  close(): Promise<void>;
}

/** The channel the test message went through, and what that message says (lib/channels/test-send.ts). */
interface Sent {
  id: string;
  name: string;
  /** The test message's text body. */
  text: string;
}

const SUBJECT = 'Switchboard test message';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
/** Exactly one request to `path` (health checks come later; token fetches go elsewhere). */
function onlyRequestTo<R extends { path: string }>(requests: R[], path: string): R {
  const matching = requests.filter((r) => r.path === path);
  expect(matching, `requests to ${path}`).toHaveLength(1);
  return matching[0]!;
}

const EMAIL_TO = 'ops@example.test';
const PHONE_TO = '+14155552671';

const PROVIDERS: Record<string, { label: string; setup: () => Promise<Setup> }> = {
  webhook: {
    label: 'Webhook (Standard Webhooks)',
    async setup() {
      const sink = await startHttpSink();
      return {
        fields: [['URL', `${sink.url}/hook`]],
        received: ({ id, name, text }) => {
          const request = onlyRequestTo(sink.requests, '/hook');
          expect(request.method).toBe('POST');
          expect(request.headers).toMatchObject({
            'content-type': 'application/json',
            'webhook-id': expect.stringMatching(UUID),
            'webhook-timestamp': expect.stringMatching(/^\d{10}$/),
            'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}=$/),
          });
          expect(JSON.parse(request.body)).toEqual({
            type: 'switchboard.test',
            channel: { id, name, provider: 'webhook' },
            message: text,
            sent_at: expect.any(String),
          });
        },
        close: () => sink.close(),
      };
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
        received: ({ text }) => {
          expect(smtp.messages).toHaveLength(1);
          const [mail] = smtp.messages;
          expect(mail!.subject).toBe(SUBJECT);
          expect(mail!.from?.value).toEqual([{ address: 'noreply@example.test', name: 'Switchboard' }]);
          expect(mail!.to).toMatchObject({ value: [{ address: EMAIL_TO }] });
          expect(mail!.text?.trim()).toBe(text);
          expect(mail!.messageId).toMatch(/^<[0-9a-f-]{36}@example\.test>$/);
        },
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
        received: ({ text }) => {
          const request = onlyRequestTo(fake.requests, '/v3/mail/send');
          expect(request.method).toBe('POST');
          expect(request.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
          const body = JSON.parse(request.body);
          expect(body).toMatchObject({
            from: { email: 'noreply@example.test', name: 'Switchboard' },
            subject: SUBJECT,
            personalizations: [{ to: [{ email: EMAIL_TO }] }],
            custom_args: { switchboard_message_id: expect.stringMatching(UUID) },
          });
          expect(body.content[0]).toEqual({ type: 'text/plain', value: text });
          expect(fake.sent).toHaveLength(1);
        },
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
        received: ({ text }) => {
          const request = onlyRequestTo(fake.requests, `/v3/${fake.domain}/messages`);
          expect(request.method).toBe('POST');
          expect(request.headers.authorization).toBe(basic('api', fake.apiKey));
          expect(fake.sent).toHaveLength(1);
          const { form } = fake.sent[0]!;
          expect(form.get('from')).toBe(`Switchboard <noreply@${fake.domain}>`);
          expect(form.getAll('to')).toEqual([EMAIL_TO]);
          expect(form.get('subject')).toBe(SUBJECT);
          expect(form.get('text')).toBe(text);
          expect(form.get('v:switchboard-message-id')).toMatch(UUID);
        },
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
        received: ({ text }) => {
          // SES's v1 query API: every call is POST / with its Action in the form.
          const sends = fake.requests.filter(
            (r) => new URLSearchParams(r.body).get('Action') === 'SendEmail',
          );
          expect(sends).toHaveLength(1);
          const [request] = sends;
          expect(request).toMatchObject({ method: 'POST', path: '/' });
          expect(request!.headers.authorization).toMatch(
            new RegExp(
              `^AWS4-HMAC-SHA256 Credential=${fake.accessKeyId}/\\d{8}/${fake.region}/ses/aws4_request, `,
            ),
          );
          expect(Object.fromEntries(new URLSearchParams(request!.body))).toMatchObject({
            Action: 'SendEmail',
            Version: '2010-12-01',
            Source: 'Switchboard <noreply@example.test>',
            'Destination.ToAddresses.member.1': EMAIL_TO,
            'Message.Subject.Data': SUBJECT,
            'Message.Body.Text.Data': text,
            'Tags.member.1.Name': 'switchboard_message_id',
            'Tags.member.1.Value': expect.stringMatching(UUID),
          });
          expect(fake.sent).toHaveLength(1);
        },
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
        received: ({ text }) => {
          const request = onlyRequestTo(
            fake.requests,
            `/2010-04-01/Accounts/${fake.accountSid}/Messages.json`,
          );
          expect(request.method).toBe('POST');
          expect(request.headers.authorization).toBe(basic(fake.accountSid, fake.authToken));
          expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
            To: PHONE_TO,
            From: '+14155550100',
            Body: text,
          });
          expect([...fake.messages.values()].map((m) => m.body)).toEqual([text]);
        },
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
        received: ({ text }) => {
          const publishes = fake.requests.filter(
            (r) => new URLSearchParams(r.body).get('Action') === 'Publish',
          );
          expect(publishes).toHaveLength(1);
          const [request] = publishes;
          expect(request!).toMatchObject({ method: 'POST', path: '/' });
          expect(request!.headers.authorization).toMatch(
            new RegExp(
              `^AWS4-HMAC-SHA256 Credential=${fake.accessKeyId}/\\d{8}/${fake.region}/sns/aws4_request, `,
            ),
          );
          const form = Object.fromEntries(new URLSearchParams(request!.body));
          expect(form).toMatchObject({ PhoneNumber: PHONE_TO, Message: text });
          const attributes: Record<string, string | undefined> = {};
          for (let n = 1; form[`MessageAttributes.entry.${n}.Name`]; n++)
            attributes[form[`MessageAttributes.entry.${n}.Name`]!] =
              form[`MessageAttributes.entry.${n}.Value.StringValue`];
          expect(attributes).toMatchObject({ 'AWS.SNS.SMS.SenderID': 'Acme' });
          expect(fake.published.size).toBe(1);
        },
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
        received: ({ text }) => {
          const request = onlyRequestTo(fake.requests, '/sms/json');
          expect(request.method).toBe('POST');
          expect(request.headers.authorization).toBe(basic(fake.apiKey, fake.apiSecret));
          expect(JSON.parse(request.body)).toMatchObject({
            to: PHONE_TO.slice(1),
            from: 'Acme',
            text,
            'client-ref': expect.stringMatching(UUID),
          });
          expect(fake.sent.size).toBe(1);
        },
        close: () => fake.close(),
      };
    },
  },
  fcm: {
    label: 'Firebase Cloud Messaging (HTTP v1)',
    async setup() {
      // firebase-admin only calls Google's hosts: the channel reaches the fake through a proxy that tunnels them.
      const fake = await startFcmFake();
      const proxy = await startConnectProxy(fake.routes);
      const device = `c${randomBytes(8).toString('hex')}:APA91b${randomBytes(60).toString('base64url')}`;
      return {
        fields: [
          ['Service account key (JSON)', fake.serviceAccount],
          ['HTTPS proxy URL', proxy.url],
          ['Proxy CA (PEM)', fake.ca],
        ],
        recipient: () => device,
        received: ({ text }) => {
          const request = onlyRequestTo(fake.requests, `/v1/projects/${fake.projectId}/messages:send`);
          expect(request.method).toBe('POST');
          expect(request.headers.authorization).toMatch(/^Bearer ya29\.fake-/);
          expect(fake.accepted).toHaveLength(1);
          expect(fake.accepted[0]).toMatchObject({
            validateOnly: false,
            message: { token: device, notification: { title: SUBJECT, body: text } },
            claims: { iss: fake.clientEmail },
          });
          expect(proxy.connects.map((connect) => connect.target)).toEqual(
            expect.arrayContaining(['oauth2.googleapis.com:443', 'fcm.googleapis.com:443']),
          );
        },
        close: async () => {
          await proxy.close();
          await fake.close();
        },
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
        received: ({ text }) => {
          expect(fake.delivered).toHaveLength(1);
          const [push] = fake.delivered;
          expect(push!.method).toBe('POST');
          expect(push!.path).toBe(`/3/device/${device}`);
          expect(push!.headers).toMatchObject({
            'apns-topic': bundleId,
            'apns-push-type': 'alert',
            'apns-id': expect.stringMatching(UUID),
          });
          expect(push!.claims).toMatchObject({ iss: teamId });
          expect(JSON.parse(push!.body).aps.alert).toEqual({ title: SUBJECT, body: text });
        },
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
        received: ({ text }) => {
          expect(fake.received).toHaveLength(1);
          const [push] = fake.received;
          expect(push!.headers['content-encoding']).toBe('aes128gcm');
          expect(push!.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
          expect(push!.claims).toMatchObject({ aud: fake.origin, sub: 'mailto:ops@example.test' });
          expect(JSON.parse(push!.plaintext)).toEqual({ title: SUBJECT, body: text });
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
        received: ({ text }) => {
          const request = onlyRequestTo(fake.requests, '/api/chat.postMessage');
          expect(request.method).toBe('POST');
          expect(request.headers.authorization).toBe(`Bearer ${token}`);
          expect(request.args).toMatchObject({ channel: 'C0ALERTS1', text: `*${SUBJECT}*\n${text}` });
          expect(fake.messages).toHaveLength(1);
        },
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
        received: ({ text }) => {
          const request = onlyRequestTo(fake.requests, `/api/v10/channels/${channel}/messages`);
          expect(request.method).toBe('POST');
          expect(request.headers.authorization).toBe(`Bot ${token}`);
          expect(request.json).toMatchObject({
            content: `**${SUBJECT}**\n${text}`,
            nonce: expect.stringMatching(/^[\w-]{25}$/),
            enforce_nonce: true,
          });
          expect(fake.messages.map((m) => m.content)).toEqual([`**${SUBJECT}**\n${text}`]);
        },
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
        received: ({ text }) => {
          const posts = fake.requests.filter((r) => r.surface === 'webhook');
          expect(posts).toHaveLength(1);
          expect(posts[0]!.method).toBe('POST');
          // The Workflows URL's signature is its credential.
          expect(posts[0]!.query.sig).toBe(new URL(fake.webhookUrl).searchParams.get('sig'));
          expect(fake.cards).toHaveLength(1);
          const card = JSON.stringify(fake.cards[0]!.card);
          expect(card).toContain(SUBJECT);
          expect(card).toContain(JSON.stringify(text).slice(1, -1));
        },
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
      const name = uniqueName(`e2e-${provider}`);
      const id = await createChannelInConsole(page, {
        name,
        provider: label,
        fields: fake.fields,
        prepare: fake.prepare,
      });
      await sendTestMessage(page, fake.recipient ? await fake.recipient(page) : undefined);
      const text = `This is a test message from Switchboard through the channel "${name}" (${provider}).`;
      await fake.received({ id, name, text });
      await expectHealthy(page);
    } finally {
      await fake.close();
    }
  });
}
