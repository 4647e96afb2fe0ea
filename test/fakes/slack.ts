import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A strict stand-in for Slack's Web API (https://docs.slack.dev/apis/web-api/): POST /api/<method> with
 * `Authorization: Bearer xox…`, form-encoded, JSON or multipart bodies, answering like Slack does — HTTP 200 with
 * `{ok: false, error}` for every refusal (invalid_auth, channel_not_found, no_text, invalid_blocks…), HTTP 429
 * with Retry-After when rate-limited. Implements chat.postMessage, auth.test, conversations.info and the
 * files.uploadV2 flow (files.getUploadURLExternal, the upload URL, files.completeUploadExternal).
 */

export interface SlackFakeRequest {
  method: string;
  path: string;
  /** The Web API method (`chat.postMessage`), or `upload` for a file upload URL. */
  call: string;
  headers: Record<string, string | undefined>;
  /** Decoded arguments: form fields, JSON keys or multipart text parts. */
  args: Record<string, string>;
  raw: Buffer;
}

export type SlackFailure =
  | { type: 'platform'; error: string; needed?: string }
  | { type: 'rate_limited'; retryAfterSeconds: number }
  | { type: 'server_error' }
  | { type: 'hang' };

export interface SlackFake {
  url: string;
  /** What `slackApiUrl` should be. */
  apiUrl: string;
  requests: SlackFakeRequest[];
  /** Messages chat.postMessage accepted. */
  messages: { channel: string; ts: string; text?: string; blocks?: unknown[]; thread_ts?: string }[];
  /** Completed uploads: file id, name, bytes, where shared. */
  files: {
    id: string;
    filename: string;
    title?: string;
    data: Buffer;
    channel?: string;
    thread_ts?: string;
  }[];
  /** Every later call (uploads included) fails this way, until `fail(null)`. */
  fail(failure: SlackFailure | null): void;
  close(): Promise<void>;
}

const KNOWN_BLOCKS = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'video',
]);

export async function startSlackFake(options: {
  token: string;
  channels: Record<string, string>;
  scopes?: string[];
}): Promise<SlackFake> {
  const requests: SlackFakeRequest[] = [];
  const messages: SlackFake['messages'] = [];
  const files: SlackFake['files'] = [];
  const pending = new Map<string, { filename: string; length: number; data?: Buffer }>();
  const scopes = options.scopes ?? ['chat:write', 'files:write', 'channels:read'];
  let failure: SlackFailure | null = null;
  let sequence = 0;
  let base = '';

  const channelId = (value: string | undefined) => {
    if (!value) return undefined;
    if (options.channels[value]) return value;
    const name = value.replace(/^#/, '');
    return Object.keys(options.channels).find((id) => options.channels[id] === name);
  };

  const api = (call: string, args: Record<string, string>): Record<string, unknown> => {
    switch (call) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake-workspace.slack.com/',
          team: 'Fake Workspace',
          user: 'switchboard',
          team_id: 'T0FAKE001',
          user_id: 'U0FAKE001',
          bot_id: 'B0FAKE001',
        };
      case 'conversations.info': {
        if (!scopes.includes('channels:read'))
          return { ok: false, error: 'missing_scope', needed: 'channels:read' };
        const id = channelId(args.channel);
        if (!id) return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel: { id, name: options.channels[id], is_channel: true, is_member: true } };
      }
      case 'chat.postMessage': {
        const id = channelId(args.channel);
        if (!id) return { ok: false, error: 'channel_not_found' };
        let blocks: unknown[] | undefined;
        if (args.blocks !== undefined) {
          try {
            blocks = JSON.parse(args.blocks);
          } catch {
            return { ok: false, error: 'invalid_blocks_format' };
          }
          if (!Array.isArray(blocks)) return { ok: false, error: 'invalid_blocks_format' };
          if (!blocks.every(validBlock)) return { ok: false, error: 'invalid_blocks' };
        }
        if (!args.text && !blocks?.length && !args.attachments) return { ok: false, error: 'no_text' };
        if (args.text && args.text.length > 40_000) return { ok: false, error: 'msg_too_long' };
        const ts = `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`;
        const message = {
          channel: id,
          ts,
          ...(args.text ? { text: args.text } : {}),
          ...(blocks ? { blocks } : {}),
          ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
        };
        messages.push(message);
        const { channel: _, ...echo } = message;
        return {
          ok: true,
          channel: id,
          ts,
          message: { type: 'message', user: 'U0FAKE001', bot_id: 'B0FAKE001', ...echo },
        };
      }
      case 'files.getUploadURLExternal': {
        if (!scopes.includes('files:write'))
          return { ok: false, error: 'missing_scope', needed: 'files:write' };
        const length = Number(args.length);
        if (!args.filename || !Number.isInteger(length) || length < 1)
          return { ok: false, error: 'invalid_arguments' };
        const fileId = `F${randomBytes(5).toString('hex').toUpperCase()}`;
        pending.set(fileId, { filename: args.filename, length });
        return { ok: true, upload_url: `${base}/upload/v1/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        let list: { id?: string; title?: string }[];
        try {
          list = JSON.parse(args.files ?? '');
        } catch {
          return { ok: false, error: 'invalid_arguments' };
        }
        if (!Array.isArray(list) || list.length === 0) return { ok: false, error: 'invalid_arguments' };
        const id = args.channel_id === undefined ? undefined : channelId(args.channel_id);
        if (args.channel_id !== undefined && !id) return { ok: false, error: 'channel_not_found' };
        const done = [];
        for (const entry of list) {
          const upload = entry.id ? pending.get(entry.id) : undefined;
          if (!upload?.data) return { ok: false, error: 'file_not_found' };
          pending.delete(entry.id!);
          files.push({
            id: entry.id!,
            filename: upload.filename,
            ...(entry.title ? { title: entry.title } : {}),
            data: upload.data,
            ...(id ? { channel: id } : {}),
            ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
          });
          done.push({
            id: entry.id,
            name: upload.filename,
            title: entry.title ?? upload.filename,
            size: upload.length,
          });
        }
        return { ok: true, files: done };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    const path = req.url ?? '/';
    const upload = /^\/upload\/v1\/(F[0-9A-F]+)$/.exec(path);
    const call = upload ? 'upload' : (/^\/api\/([\w.]+)$/.exec(path)?.[1] ?? '');
    const contentType = req.headers['content-type'] ?? '';
    const args = await decodeArgs(contentType, raw);
    requests.push({ method: req.method ?? '', path, call, headers: flatHeaders(req), args: args ?? {}, raw });

    if (failure?.type === 'hang') return;
    if (failure?.type === 'server_error')
      return send(res, 500, 'text/html', '<html><body>Internal Server Error</body></html>');
    if (failure?.type === 'rate_limited') {
      res.setHeader('retry-after', String(failure.retryAfterSeconds));
      return json(res, 429, { ok: false, error: 'ratelimited' });
    }
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Method Not Allowed');

    if (upload) {
      // Upload URLs are pre-signed; Slack takes raw bytes or one multipart file part.
      const entry = pending.get(upload[1]!);
      if (!entry) return send(res, 404, 'text/plain', 'Not Found');
      const data = contentType.startsWith('multipart/form-data')
        ? await multipartFile(contentType, raw)
        : raw;
      if (!data || data.length !== entry.length) return send(res, 400, 'text/plain', 'length mismatch');
      entry.data = data;
      return send(res, 200, 'text/plain', `OK - ${data.length}`);
    }
    if (!call) return send(res, 404, 'text/plain', 'Not Found');
    if (args === undefined) return json(res, 200, { ok: false, error: 'invalid_post_type' });
    const authorization = req.headers.authorization;
    const token = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : args.token;
    if (!token) return json(res, 200, { ok: false, error: 'not_authed' });
    if (token !== options.token) return json(res, 200, { ok: false, error: 'invalid_auth' });
    if (failure?.type === 'platform') {
      return json(res, 200, {
        ok: false,
        error: failure.error,
        ...(failure.needed ? { needed: failure.needed } : {}),
      });
    }
    const result = api(call, args);
    res.setHeader('x-oauth-scopes', scopes.join(','));
    return json(res, 200, result);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((error: Error) =>
        send(res, 500, 'text/plain', error.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    apiUrl: `${base}/api/`,
    requests,
    messages,
    files,
    fail(next) {
      failure = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function validBlock(block: unknown): boolean {
  if (!block || typeof block !== 'object') return false;
  const { type, text } = block as { type?: unknown; text?: { type?: unknown; text?: unknown } };
  if (typeof type !== 'string' || !KNOWN_BLOCKS.has(type)) return false;
  if (type === 'header') return text?.type === 'plain_text' && typeof text.text === 'string';
  if (type === 'section' && text !== undefined) {
    return (text.type === 'mrkdwn' || text.type === 'plain_text') && typeof text.text === 'string';
  }
  return true;
}

/** Form, JSON or multipart arguments as strings (Slack reads nested values as JSON strings); undefined if none. */
async function decodeArgs(contentType: string, raw: Buffer): Promise<Record<string, string> | undefined> {
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  }
  if (contentType.startsWith('application/json')) {
    try {
      const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(body).map(([key, value]) => [
          key,
          typeof value === 'string' ? value : JSON.stringify(value),
        ]),
      );
    } catch {
      return undefined;
    }
  }
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), {
      headers: { 'content-type': contentType },
    }).formData();
    const args: Record<string, string> = {};
    form.forEach((value, key) => {
      if (typeof value === 'string') args[key] = value;
    });
    return args;
  }
  return raw.length ? undefined : {};
}

async function multipartFile(contentType: string, raw: Buffer): Promise<Buffer | undefined> {
  const form = await new Response(new Uint8Array(raw), {
    headers: { 'content-type': contentType },
  }).formData();
  const parts = [...form.values()].filter((value): value is File => typeof value !== 'string');
  return parts.length === 1 ? Buffer.from(await parts[0]!.arrayBuffer()) : undefined;
}

function flatHeaders(req: IncomingMessage): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(req.headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : value]),
  );
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}
