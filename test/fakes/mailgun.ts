import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A strict stand-in for Mailgun's API: Send (POST /v3/<domain>/messages, multipart/form-data or
 * form-urlencoded) and Get domain (GET /v4/domains/<domain>). It checks Basic auth `api:<key>`, the domain and
 * the parameters Mailgun requires, and answers like Mailgun: `{"id": "<…>", "message": "Queued. Thank you."}`,
 * `{"message": …}` for errors and a bare "Forbidden" for a wrong key. Its own HTTP server keeps request bodies
 * as bytes, so binary attachments arrive intact. `signWebhook` signs webhook bodies as Mailgun does.
 */

export type FakeMode = 'ok' | 'unauthorized' | 'rate-limited' | 'server-error' | 'hang';

export interface MailgunRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface SentMailgunMessage {
  id: string;
  form: FormData;
}

export interface MailgunFake {
  url: string;
  apiKey: string;
  domain: string;
  requests: MailgunRequest[];
  sent: SentMailgunMessage[];
  setMode(mode: FakeMode, options?: { retryAfter?: string }): void;
  setDomainState(state: 'active' | 'unverified' | 'disabled'): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  hang?: boolean;
}

const ADDRESS = /^(?:"?[^"<]*"?\s*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/;

export async function startMailgunFake(
  options: { apiKey?: string; domain?: string; templates?: string[] } = {},
): Promise<MailgunFake> {
  const apiKey =
    options.apiKey ??
    `${randomBytes(16).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
  const domain = options.domain ?? 'mg.example.test';
  const templates = new Set(options.templates ?? []);
  const requests: MailgunRequest[] = [];
  const sent: SentMailgunMessage[] = [];
  let mode: FakeMode = 'ok';
  let retryAfter: string | undefined;
  let domainState = 'active';

  async function respond(req: MailgunRequest): Promise<Reply> {
    if (mode === 'hang') return { status: 200, hang: true };
    const expected = `Basic ${Buffer.from(`api:${apiKey}`).toString('base64')}`;
    if (req.headers.authorization !== expected || mode === 'unauthorized') {
      return { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Forbidden' };
    }
    if (mode === 'rate-limited') {
      return {
        ...message(429, 'Too many requests'),
        headers: { 'content-type': 'application/json', ...(retryAfter ? { 'retry-after': retryAfter } : {}) },
      };
    }
    if (mode === 'server-error') return message(500, 'Internal Server Error');
    const path = req.path.split('?')[0] ?? '';
    const send = /^\/v3\/([^/]+)\/messages$/.exec(path);
    if (send && req.method === 'POST') {
      if (decodeURIComponent(send[1] ?? '') !== domain) return message(404, `Domain not found: ${send[1]}`);
      return sendMessage(req);
    }
    const get = /^\/v4\/domains\/([^/]+)$/.exec(path);
    if (get && req.method === 'GET') {
      if (decodeURIComponent(get[1] ?? '') !== domain) return message(404, 'Domain not found');
      return json(200, {
        domain: {
          name: domain,
          state: domainState,
          type: 'custom',
          created_at: new Date(0).toUTCString(),
          smtp_login: `postmaster@${domain}`,
          spam_action: 'disabled',
          wildcard: false,
          require_tls: false,
          skip_verification: false,
          web_scheme: 'https',
          web_prefix: 'email',
        },
        receiving_dns_records: [],
        sending_dns_records: [],
      });
    }
    return { status: 404, headers: { 'content-type': 'text/html' }, body: '404 page not found' };
  }

  async function sendMessage(req: MailgunRequest): Promise<Reply> {
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('multipart/form-data') && !type.startsWith('application/x-www-form-urlencoded')) {
      return message(400, 'Unsupported content type');
    }
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(req.body), { headers: { 'content-type': type } }).formData();
    } catch {
      return message(400, 'Malformed form data');
    }
    const from = form.get('from');
    if (typeof from !== 'string' || !from) return message(400, "'from' parameter is missing");
    if (!ADDRESS.test(from))
      return message(400, "'from' parameter is not a valid address. please check documentation");
    const to = form.getAll('to');
    if (to.length === 0) return message(400, "'to' parameter is missing");
    if (to.some((value) => typeof value !== 'string' || !ADDRESS.test(value))) {
      return message(400, "'to' parameter is not a valid address. please check documentation");
    }
    const template = form.get('template');
    if (!form.get('text') && !form.get('html') && !template) {
      return message(400, "Need at least one of 'text', 'html' or 'template' parameters specified");
    }
    if (typeof template === 'string' && !templates.has(template))
      return message(400, `template '${template}' not found`);
    const variables = form.get('t:variables');
    if (variables !== null) {
      try {
        const parsed = JSON.parse(String(variables));
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error();
      } catch {
        return message(400, "'t:variables' parameter is not a valid JSON object");
      }
    }
    if (form.getAll('o:tag').length > 3) return message(400, 'Too many tags: a message may have at most 3');
    const replyTo = form.get('h:Reply-To');
    if (replyTo !== null && !ADDRESS.test(String(replyTo)))
      return message(400, "'h:Reply-To' is not a valid address");
    const attachments = form.getAll('attachment');
    if (attachments.some((file) => typeof file === 'string' || !file.name)) {
      return message(400, "'attachment' parameter must be a file with a filename");
    }
    // Mailgun's limit is on the whole message, 25 MB.
    if (req.body.length > 25 * 1024 * 1024) return message(413, 'Message size exceeds the limit of 25MB');
    const id = `<${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}.${randomBytes(8).toString('hex')}@${domain}>`;
    sent.push({ id, form });
    return json(200, { id, message: 'Queued. Thank you.' });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const record = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(record);
      const reply = await respond(record);
      if (reply.hang) return;
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    domain,
    requests,
    sent,
    setMode(next, modeOptions = {}) {
      mode = next;
      retryAfter = modeOptions.retryAfter;
    },
    setDomainState(state) {
      domainState = state;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A webhook body as Mailgun posts it: signature = hex HMAC-SHA256(signing key, timestamp + token). */
export function signWebhook(
  eventData: Record<string, unknown>,
  signingKey: string,
  timestamp = String(Math.floor(Date.now() / 1000)),
): string {
  const token = randomBytes(25).toString('hex');
  const signature = createHmac('sha256', signingKey)
    .update(timestamp + token)
    .digest('hex');
  return JSON.stringify({ signature: { timestamp, token, signature }, 'event-data': eventData });
}

function json(status: number, body: unknown): Reply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function message(status: number, text: string): Reply {
  return json(status, { message: text });
}
