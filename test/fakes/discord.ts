import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A strict stand-in for Discord's HTTP API v10 (https://discord.com/developers/docs/reference): requests under
 * /api/v10 with `Authorization: Bot <token>` and a `DiscordBot (…)` User-Agent. Implements Create Message (JSON,
 * or multipart with `payload_json` and `files[n]`, validated like Discord: 2000-character content, 10 embeds,
 * "Cannot send an empty message", enforce_nonce), Create Reaction (paced by a 1-per-250 ms bucket announced in
 * X-RateLimit-* headers, 429 when ignored), Get Current User and Get Channel. Errors use Discord's JSON shape
 * `{message, code, errors?}`; 429 carries `retry_after` (seconds) in the body and Retry-After.
 */

const DISCORD_EPOCH = 1_420_070_400_000n;
const REACTION_INTERVAL_MS = 250;

export interface DiscordFakeRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  /** The JSON body, or for multipart the parsed `payload_json`. */
  json?: Record<string, unknown>;
  /** Multipart file parts by field name. */
  files: Record<string, { filename: string; type: string; data: Buffer }>;
}

export type DiscordFailure =
  | { type: 'unauthorized' }
  | { type: 'rate_limited'; retryAfterSeconds: number; global?: boolean }
  | { type: 'server_error' }
  | { type: 'hang' };

export interface DiscordMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  attachments: { id: string; filename: string; size: number; content_type: string; data: Buffer }[];
  nonce?: string | number;
  allowed_mentions?: unknown;
  reactions: string[];
}

export interface DiscordFake {
  url: string;
  /** What the REST `api` option should be (the SDK appends /v10). */
  apiUrl: string;
  requests: DiscordFakeRequest[];
  messages: DiscordMessage[];
  fail(failure: DiscordFailure | null): void;
  close(): Promise<void>;
}

export async function startDiscordFake(options: {
  token: string;
  /** Channels the bot can post in, by id → name. */
  channels: Record<string, string>;
  /** Channels that exist but the bot cannot see (403 Missing Access). */
  forbidden?: string[];
}): Promise<DiscordFake> {
  const requests: DiscordFakeRequest[] = [];
  const messages: DiscordMessage[] = [];
  const reactionReady = new Map<string, number>();
  let failure: DiscordFailure | null = null;
  let sequence = 0n;
  const snowflake = () => String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (++sequence & 0xfffn));

  const channelError = (id: string): [number, unknown] | undefined => {
    if (options.forbidden?.includes(id)) return [403, { message: 'Missing Access', code: 50001 }];
    if (!options.channels[id]) return [404, { message: 'Unknown Channel', code: 10003 }];
    return undefined;
  };

  const createMessage = (channelId: string, request: DiscordFakeRequest): [number, unknown] => {
    const body = request.json;
    if (!body) return [400, { message: 'Invalid Form Body', code: 50035, errors: {} }];
    const errors: Record<string, unknown> = {};
    const content = body.content;
    if (content !== undefined && typeof content !== 'string')
      errors.content = fieldError('BASE_TYPE_STRING', 'Must be a string.');
    else if (typeof content === 'string' && content.length > 2000) {
      errors.content = fieldError('BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
    }
    const embeds = body.embeds;
    if (embeds !== undefined && (!Array.isArray(embeds) || embeds.length > 10)) {
      errors.embeds = fieldError('BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
    } else if (Array.isArray(embeds)) {
      embeds.forEach((embed, index) => {
        const problem = embedProblem(embed);
        if (problem) errors.embeds = { [index]: problem };
      });
    }
    const nonce = body.nonce;
    if (nonce !== undefined && (String(nonce).length > 25 || !['string', 'number'].includes(typeof nonce))) {
      errors.nonce = fieldError('BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    }
    const attachments = (body.attachments ?? []) as { id?: unknown; filename?: unknown }[];
    const parts = Object.keys(request.files);
    for (const [index, attachment] of attachments.entries()) {
      if (!request.files[`files[${attachment.id}]`]) {
        errors.attachments = { [index]: fieldError('ATTACHMENT_NOT_FOUND', 'Attachment data not found') };
      }
    }
    if (Object.keys(errors).length) return [400, { message: 'Invalid Form Body', code: 50035, errors }];
    if (body.enforce_nonce === true && nonce !== undefined) {
      const earlier = messages.find((m) => m.channel_id === channelId && m.nonce === nonce);
      if (earlier) return [200, view(earlier)];
    }
    if (
      !content &&
      !(Array.isArray(embeds) && embeds.length) &&
      !parts.length &&
      !body.sticker_ids &&
      !body.poll
    ) {
      return [400, { message: 'Cannot send an empty message', code: 50006 }];
    }
    const message: DiscordMessage = {
      id: snowflake(),
      channel_id: channelId,
      content: typeof content === 'string' ? content : '',
      embeds: Array.isArray(embeds) ? embeds : [],
      attachments: parts.map((field) => {
        const file = request.files[field]!;
        const meta = attachments.find((a) => `files[${a.id}]` === field);
        return {
          id: snowflake(),
          filename: typeof meta?.filename === 'string' ? meta.filename : file.filename,
          size: file.data.length,
          content_type: file.type,
          data: file.data,
        };
      }),
      ...(nonce !== undefined ? { nonce: nonce as string | number } : {}),
      ...(body.allowed_mentions ? { allowed_mentions: body.allowed_mentions } : {}),
      reactions: [],
    };
    messages.push(message);
    return [200, view(message)];
  };

  const route = (
    req: IncomingMessage,
    request: DiscordFakeRequest,
    res: ServerResponse,
  ): [number, unknown] | undefined => {
    // Discord decodes each path segment: /users/%40me is /users/@me, reactions name their emoji encoded.
    const path = request.path.split('/').map(decodeURIComponent).join('/');
    const method = req.method;
    if (method === 'GET' && path === '/api/v10/users/@me') {
      return [
        200,
        {
          id: '1100000000000000001',
          username: 'switchboard-bot',
          discriminator: '0',
          global_name: null,
          avatar: null,
          bot: true,
        },
      ];
    }
    let match = /^\/api\/v10\/channels\/(\d+)$/.exec(path);
    if (match && method === 'GET') {
      const id = match[1]!;
      return (
        channelError(id) ?? [
          200,
          { id, type: 0, guild_id: '1200000000000000001', name: options.channels[id], position: 0 },
        ]
      );
    }
    match = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(path);
    if (match && method === 'POST') return channelError(match[1]!) ?? createMessage(match[1]!, request);
    match = /^\/api\/v10\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/.exec(path);
    if (match && method === 'PUT') {
      const [, channelId, messageId, emoji] = match as unknown as [string, string, string, string];
      const denied = channelError(channelId);
      if (denied) return denied;
      const message = messages.find((m) => m.id === messageId && m.channel_id === channelId);
      if (!message) return [404, { message: 'Unknown Message', code: 10008 }];
      if (!/^\w{2,32}:\d{17,20}$/.test(emoji) && !/^\p{Extended_Pictographic}/u.test(emoji)) {
        return [400, { message: 'Unknown Emoji', code: 10014 }];
      }
      const now = Date.now();
      const ready = reactionReady.get(channelId) ?? 0;
      if (now < ready) {
        const retryAfter = (ready - now) / 1000;
        res.setHeader('retry-after', String(Math.ceil(retryAfter)));
        res.setHeader('x-ratelimit-scope', 'user');
        return [429, { message: 'You are being rate limited.', retry_after: retryAfter, global: false }];
      }
      reactionReady.set(channelId, now + REACTION_INTERVAL_MS);
      res.setHeader('x-ratelimit-limit', '1');
      res.setHeader('x-ratelimit-remaining', '0');
      res.setHeader('x-ratelimit-reset-after', String(REACTION_INTERVAL_MS / 1000));
      res.setHeader('x-ratelimit-bucket', 'reactions-bucket');
      if (!message.reactions.includes(emoji)) message.reactions.push(emoji);
      return [204, undefined];
    }
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    const request = await decode(req, raw);
    requests.push(request);
    if (failure?.type === 'hang') return;
    if (failure?.type === 'server_error')
      return reply(res, 500, { message: '500: Internal Server Error', code: 0 });
    if (failure?.type === 'rate_limited') {
      res.setHeader('retry-after', String(Math.ceil(failure.retryAfterSeconds)));
      res.setHeader('x-ratelimit-scope', failure.global ? 'global' : 'user');
      if (failure.global) res.setHeader('x-ratelimit-global', 'true');
      return reply(res, 429, {
        message: 'You are being rate limited.',
        retry_after: failure.retryAfterSeconds,
        global: failure.global ?? false,
      });
    }
    if (!request.headers['user-agent']?.startsWith('DiscordBot (')) {
      return reply(res, 400, { message: 'A valid User-Agent is required', code: 0 });
    }
    if (failure?.type === 'unauthorized' || request.headers.authorization !== `Bot ${options.token}`) {
      return reply(res, 401, { message: '401: Unauthorized', code: 0 });
    }
    if (req.method === 'POST' || req.method === 'PATCH') {
      const type = request.headers['content-type'] ?? '';
      if (!type.startsWith('application/json') && !type.startsWith('multipart/form-data')) {
        return reply(res, 400, { message: 'Invalid Form Body', code: 50035, errors: {} });
      }
    }
    const answer = route(req, request, res);
    if (!answer) return reply(res, 404, { message: '404: Not Found', code: 0 });
    return reply(res, answer[0], answer[1]);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((error: Error) =>
        reply(res, 500, { message: error.message, code: 0 }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/api`,
    requests,
    messages,
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

function fieldError(code: string, message: string) {
  return { _errors: [{ code, message }] };
}

function embedProblem(embed: unknown): Record<string, unknown> | undefined {
  if (!embed || typeof embed !== 'object')
    return fieldError('MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
  const { title, description, fields } = embed as {
    title?: unknown;
    description?: unknown;
    fields?: unknown;
  };
  if (title !== undefined && (typeof title !== 'string' || title.length > 256)) {
    return { title: fieldError('BASE_TYPE_MAX_LENGTH', 'Must be 256 or fewer in length.') };
  }
  if (description !== undefined && (typeof description !== 'string' || description.length > 4096)) {
    return { description: fieldError('BASE_TYPE_MAX_LENGTH', 'Must be 4096 or fewer in length.') };
  }
  if (fields !== undefined) {
    if (!Array.isArray(fields) || fields.length > 25)
      return { fields: fieldError('BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.') };
    for (const [index, field] of fields.entries()) {
      const { name, value } = (field ?? {}) as { name?: unknown; value?: unknown };
      if (typeof name !== 'string' || !name)
        return { fields: { [index]: { name: fieldError('BASE_TYPE_REQUIRED', 'This field is required') } } };
      if (typeof value !== 'string' || !value)
        return { fields: { [index]: { value: fieldError('BASE_TYPE_REQUIRED', 'This field is required') } } };
    }
  }
  return undefined;
}

function view(message: DiscordMessage) {
  return {
    id: message.id,
    type: 0,
    channel_id: message.channel_id,
    content: message.content,
    embeds: message.embeds,
    attachments: message.attachments.map(({ data: _, ...attachment }) => ({
      ...attachment,
      url: `https://cdn.discordapp.com/attachments/${message.channel_id}/${attachment.id}/${attachment.filename}`,
    })),
    author: { id: '1100000000000000001', username: 'switchboard-bot', bot: true },
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: 0,
    components: [],
    ...(message.nonce !== undefined ? { nonce: message.nonce } : {}),
  };
}

async function decode(req: IncomingMessage, raw: Buffer): Promise<DiscordFakeRequest> {
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : value]),
  );
  const request: DiscordFakeRequest = { method: req.method ?? '', path: req.url ?? '/', headers, files: {} };
  const type = headers['content-type'] ?? '';
  try {
    if (type.startsWith('application/json')) request.json = JSON.parse(raw.toString('utf8'));
    else if (type.startsWith('multipart/form-data')) {
      const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
      for (const [key, value] of form.entries()) {
        if (typeof value === 'string') {
          if (key === 'payload_json') request.json = JSON.parse(value);
        } else {
          request.files[key] = {
            filename: value.name,
            type: value.type,
            data: Buffer.from(await value.arrayBuffer()),
          };
        }
      }
    }
  } catch {
    // Left without json: answered as an invalid form body.
  }
  return request;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
