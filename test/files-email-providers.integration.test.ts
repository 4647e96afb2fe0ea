import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailgunProvider } from '../lib/channels/providers/mailgun';
import { sendgridProvider } from '../lib/channels/providers/sendgrid';
import { sesProvider } from '../lib/channels/providers/ses';
import type { OutgoingMessage } from '../lib/channels/types';
import { type MailgunFake, startMailgunFake } from './fakes/mailgun';
import { type SendgridFake, startSendgridFake } from './fakes/sendgrid';
import { type SesFake, startSesFake } from './fakes/ses';
import { makeApiKey, uniq } from './support/factories';
import { pdfBytes, upload } from './support/files';
import { failure, type Json, providerSender } from './support/provider-harness';

/*
 * Stored files (POST /api/v1/files) attached by a send step reach the e-mail APIs as each one requires: the
 * message carries `content.attachments: [{file_id, filename, content_type}]` (what the planner writes) and the
 * provider loads the bytes from file storage when it sends. The contract fakes check the attachment fields.
 */

const bytes = pdfBytes(uniq());
let file: Json;
let sendgrid: SendgridFake;
let mailgun: MailgunFake;
let ses: SesFake;

beforeAll(async () => {
  const { key } = await makeApiKey('admin');
  const res = await upload(key, { bytes, filename: 'Rechnung März.pdf', type: 'application/pdf' });
  file = (await res.json()) as Json;
  expect(res.status).toBe(201);
  [sendgrid, mailgun, ses] = await Promise.all([startSendgridFake(), startMailgunFake(), startSesFake()]);
});
afterAll(() => Promise.all([sendgrid?.close(), mailgun?.close(), ses?.close()]));

function message(attachments: Json[]): OutgoingMessage {
  const id = randomUUID();
  return {
    id,
    idempotencyKey: `run:${id}`,
    to: 'ann@example.test',
    subject: 'Your invoice',
    body: 'Attached.',
    content: { attachments },
  };
}

const send = providerSender(() => message([]));
const stored = () => [{ file_id: file.id, filename: file.filename, content_type: file.content_type }];
const missing = () => [{ file_id: randomUUID(), filename: 'gone.pdf', content_type: 'application/pdf' }];

const configs = {
  sendgrid: () => ({ api_key: sendgrid.apiKey, from: 'noreply@example.test', base_url: sendgrid.url }),
  mailgun: () => ({
    api_key: mailgun.apiKey,
    domain: mailgun.domain,
    from: 'noreply@mg.example.test',
    base_url: mailgun.url,
  }),
  ses: () => ({
    region: 'eu-west-1',
    access_key_id: ses.accessKeyId,
    secret_access_key: ses.secretAccessKey,
    from: 'noreply@example.test',
    endpoint: ses.url,
  }),
};

describe('stored files as e-mail attachments', () => {
  it('SendGrid: base64 content with filename, type and disposition', async () => {
    const result = await send(sendgridProvider, configs.sendgrid(), message(stored()));
    const body = JSON.parse(sendgrid.requests.at(-1)!.body);
    expect(body.attachments).toEqual([
      {
        content: bytes.toString('base64'),
        filename: 'Rechnung März.pdf',
        type: 'application/pdf',
        disposition: 'attachment',
      },
    ]);
    expect(result.request).toMatchObject({ attachments: ['Rechnung März.pdf'] });
  });

  it('Mailgun: a multipart file part with its name and type', async () => {
    await send(mailgunProvider, configs.mailgun(), message(stored()));
    const part = mailgun.sent.at(-1)!.form.get('attachment') as File;
    expect(part.name).toBe('Rechnung März.pdf');
    expect(part.type).toBe('application/pdf');
    expect(Buffer.compare(Buffer.from(await part.arrayBuffer()), bytes)).toBe(0);
  });

  it('SES: a MIME part of SendRawEmail with its name (non-ASCII) and type', async () => {
    await send(sesProvider, configs.ses(), message(stored()));
    const sent = ses.sent.at(-1)!;
    expect(sent.action).toBe('SendRawEmail');
    const [part, ...others] = sent.raw!.mail.attachments;
    expect(others).toHaveLength(0);
    expect(part).toMatchObject({ filename: 'Rechnung März.pdf', contentType: 'application/pdf' });
    expect(Buffer.compare(part!.content, bytes)).toBe(0);
  });

  it('fails for good, without calling the provider, when an attached file no longer exists', async () => {
    const before = {
      sendgrid: sendgrid.requests.length,
      mailgun: mailgun.requests.length,
      ses: ses.requests.length,
    };
    const gone = missing();
    for (const [provider, config] of [
      [sendgridProvider, configs.sendgrid()],
      [mailgunProvider, configs.mailgun()],
      [sesProvider, configs.ses()],
    ] as const) {
      const error = await failure(send(provider, config, message(gone)));
      expect(error.kind).toBe('permanent');
      expect(error.message).toBe(`attachment file ${gone[0]!.file_id} (gone.pdf) no longer exists`);
    }
    expect({
      sendgrid: sendgrid.requests.length,
      mailgun: mailgun.requests.length,
      ses: ses.requests.length,
    }).toEqual(before);
  });
});
