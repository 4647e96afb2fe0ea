import { createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { type SinkReply, type SinkRequest, startHttpSink } from '../support/http-sink';

/**
 * A strict stand-in for SendGrid's v3 API: Mail Send (POST /v3/mail/send) and the API key's scopes
 * (GET /v3/scopes). It checks the bearer key, the JSON content type and the Mail Send body the way SendGrid
 * documents it, and answers like SendGrid: 202 with X-Message-Id, or `{"errors":[{message, field, help}]}`.
 * `signEvents` signs Event Webhook payloads as SendGrid does (ECDSA P-256 over timestamp + payload).
 */

// biome-ignore lint/suspicious/noExplicitAny: the fake walks untrusted JSON and checks each field as it goes
type Loose = any;

export type FakeMode = 'ok' | 'unauthorized' | 'rate-limited' | 'server-error' | 'hang';

export interface SentMail {
  messageId: string;
  body: Record<string, Loose>;
}

export interface SendgridFake {
  url: string;
  apiKey: string;
  requests: SinkRequest[];
  sent: SentMail[];
  /** The Event Webhook verification key as SendGrid shows it: base64 DER (SPKI). */
  publicKey: string;
  setMode(mode: FakeMode, options?: { retryAfter?: string }): void;
  setScopes(scopes: string[]): void;
  signEvents(payload: string, timestamp?: string): { signature: string; timestamp: string };
  close(): Promise<void>;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const HELP = 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html';

export async function startSendgridFake(options: { apiKey?: string } = {}): Promise<SendgridFake> {
  const apiKey =
    options.apiKey ?? `SG.${randomBytes(16).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
  const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const sent: SentMail[] = [];
  let mode: FakeMode = 'ok';
  let retryAfter: string | undefined;
  let scopes = ['mail.send', 'scopes.read'];
  const sink = await startHttpSink();

  sink.respondWith((req): SinkReply => {
    if (mode === 'hang') return { status: 200, hang: true };
    if (req.headers.authorization !== `Bearer ${apiKey}` || mode === 'unauthorized') {
      return errors(401, [
        { field: null, message: 'The provided authorization grant is invalid, expired, or revoked' },
      ]);
    }
    if (mode === 'rate-limited') {
      const reset = Math.floor(Date.now() / 1000) + 60;
      const reply = errors(429, [{ field: null, message: 'too many requests' }]);
      return {
        ...reply,
        headers: {
          ...reply.headers,
          'x-ratelimit-limit': '600',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(reset),
          ...(retryAfter ? { 'retry-after': retryAfter } : {}),
        },
      };
    }
    if (mode === 'server-error') return errors(500, [{ field: null, message: 'internal server error' }]);
    const path = req.path.split('?')[0];
    if (path === '/v3/scopes' && req.method === 'GET') return json(200, { scopes });
    if (path === '/v3/mail/send' && req.method === 'POST') return mailSend(req);
    return errors(404, [{ field: null, message: 'resource not found' }]);
  });

  function mailSend(req: SinkRequest): SinkReply {
    if (!req.headers['content-type']?.startsWith('application/json')) {
      return errors(400, [{ field: null, message: 'Content-Type should be application/json.' }]);
    }
    let body: Record<string, Loose>;
    try {
      body = JSON.parse(req.body);
    } catch {
      return errors(400, [{ field: null, message: 'Bad Request' }]);
    }
    if (!scopes.includes('mail.send')) return errors(403, [{ field: null, message: 'access forbidden' }]);
    const problems = validateMail(body);
    if (problems.length) return errors(400, problems);
    const messageId = randomBytes(16).toString('base64url').slice(0, 22);
    sent.push({ messageId, body });
    return { status: 202, headers: { 'x-message-id': messageId }, body: '' };
  }

  return {
    url: sink.url,
    apiKey,
    requests: sink.requests,
    sent,
    publicKey: keys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    setMode(next, modeOptions = {}) {
      mode = next;
      retryAfter = modeOptions.retryAfter;
    },
    setScopes(next) {
      scopes = next;
    },
    signEvents(payload, timestamp = String(Math.floor(Date.now() / 1000))) {
      const key = createPrivateKey(keys.privateKey.export({ format: 'pem', type: 'pkcs8' }));
      const signature = sign('sha256', Buffer.from(timestamp + payload), {
        key,
        dsaEncoding: 'der',
      }).toString('base64');
      return { signature, timestamp };
    },
    close: () => sink.close(),
  };
}

type Problem = { field: string | null; message: string; help?: string };

/** The Mail Send rules SendGrid documents, with its messages. */
function validateMail(body: Record<string, Loose>): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string | null, message: string) => problems.push({ field, message, help: HELP });
  const personalizations = body.personalizations;
  if (!Array.isArray(personalizations) || personalizations.length === 0) {
    add(
      'personalizations',
      'The personalizations field is required and must have at least one personalization.',
    );
  } else {
    personalizations.forEach((p: Loose, i: number) => {
      if (!Array.isArray(p?.to) || p.to.length === 0) {
        add(
          `personalizations.${i}.to`,
          'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
        );
      } else {
        p.to.forEach((to: Loose, j: number) => {
          if (!EMAIL.test(to?.email ?? '')) {
            add(`personalizations.${i}.to.${j}.email`, 'Does not contain a valid address.');
          }
        });
      }
    });
  }
  if (!EMAIL.test(body.from?.email ?? '')) {
    add(
      'from.email',
      'The from object must be provided for every email send. It is an object that requires an email parameter, but may also contain a name parameter.',
    );
  }
  if (body.reply_to !== undefined && !EMAIL.test(body.reply_to?.email ?? '')) {
    add('reply_to.email', 'The reply_to email does not contain a valid address.');
  }
  const template = typeof body.template_id === 'string' && body.template_id !== '';
  if (!template) {
    const everyHasSubject =
      Array.isArray(personalizations) && personalizations.every((p: Loose) => p?.subject);
    if (typeof body.subject !== 'string' || !body.subject) {
      if (!everyHasSubject) {
        add(
          'subject',
          'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
        );
      }
    }
    const content = body.content;
    if (!Array.isArray(content) || content.length === 0) {
      add(
        'content',
        'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.',
      );
    } else {
      if (
        content.some(
          (c: Loose) => typeof c?.type !== 'string' || typeof c?.value !== 'string' || c.value === '',
        )
      ) {
        add('content', 'The content value must be a string at least one character in length.');
      }
      const plain = content.findIndex((c: Loose) => c?.type === 'text/plain');
      if (plain > 0)
        add(
          'content',
          'If present, text/plain must be first, followed by text/html, followed by any other content.',
        );
    }
  }
  if (body.attachments !== undefined) {
    (Array.isArray(body.attachments) ? body.attachments : [null]).forEach((a: Loose, i: number) => {
      if (
        typeof a?.content !== 'string' ||
        !a.content ||
        Buffer.from(a.content, 'base64').toString('base64') !== a.content
      ) {
        add(`attachments.${i}.content`, 'The attachment content must be base64 encoded.');
      }
      if (typeof a?.filename !== 'string' || !a.filename)
        add(`attachments.${i}.filename`, 'The attachment filename parameter is required.');
      if (a?.type !== undefined && (typeof a.type !== 'string' || /[;\r\n]/.test(a.type)))
        add(`attachments.${i}.type`, 'The attachment type cannot contain ";", or CRLF characters.');
      if (a?.disposition !== undefined && a.disposition !== 'attachment' && a.disposition !== 'inline')
        add(
          `attachments.${i}.disposition`,
          'The disposition of the attachment must be inline or attachment.',
        );
      if (a?.disposition === 'inline' && !a.content_id)
        add(
          `attachments.${i}.content_id`,
          'The content_id parameter is required if disposition is set to inline.',
        );
    });
    const total = (Array.isArray(body.attachments) ? body.attachments : []).reduce(
      (sum: number, a: Loose) => sum + (typeof a?.content === 'string' ? a.content.length : 0),
      0,
    );
    if (total > 30 * 1024 * 1024) add('attachments', 'The attachment size should not exceed 30MB.');
  }
  if (body.categories !== undefined) {
    if (!Array.isArray(body.categories) || body.categories.length > 10) {
      add('categories', 'Too many categories on this message. The maximum number of categories is 10.');
    } else if (body.categories.some((c: unknown) => typeof c !== 'string' || c.length > 255)) {
      add('categories', 'A category cannot be more than 255 characters.');
    }
  }
  return problems;
}

function json(status: number, body: unknown): SinkReply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function errors(status: number, list: Problem[]): SinkReply {
  return json(status, {
    errors: list.map((p) => ({ field: p.field, message: p.message, help: p.help ?? null })),
  });
}
