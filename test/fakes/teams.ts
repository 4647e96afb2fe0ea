import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A strict stand-in for the three HTTP surfaces Switchboard's Teams provider talks to:
 * - a Teams Workflows webhook (POST …/workflows/{id}/triggers/manual/paths/invoke?…&sig=…), answering 202 with
 *   x-ms-workflow-run-id, or 401 when the signature is wrong;
 * - the Microsoft Entra ID token endpoint (POST /{tenant}/oauth2/v2.0/token, client credentials, form-encoded),
 *   answering {token_type, expires_in, access_token} or the AADSTS error shape;
 * - Microsoft Graph v1.0 (GET and POST /teams/{team}/channels/{channel}[/messages]) with Bearer tokens it issued,
 *   answering a chatMessage (201) or {error: {code, message}}.
 * Both posting surfaces validate the Adaptive Card as Teams renders it: type AdaptiveCard, a version Teams
 * supports, body elements with their required fields (TextBlock.text, FactSet.facts[{title, value}]) and
 * Action.OpenUrl with an absolute url; Graph also requires the HTML body to reference the attachment id.
 */

const CARD = 'application/vnd.microsoft.card.adaptive';
const MAX_BYTES = 28 * 1024;
const BODY_ELEMENTS = new Set([
  'TextBlock',
  'FactSet',
  'Image',
  'ImageSet',
  'Container',
  'ColumnSet',
  'RichTextBlock',
  'ActionSet',
  'Table',
]);
const ACTIONS = new Set([
  'Action.OpenUrl',
  'Action.Submit',
  'Action.ShowCard',
  'Action.ToggleVisibility',
  'Action.Execute',
]);

export interface TeamsFakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  body: string;
  surface: 'webhook' | 'token' | 'graph' | 'unknown';
}

export type TeamsFailure =
  | { type: 'unauthorized' }
  | { type: 'rate_limited'; retryAfterSeconds: number }
  | { type: 'server_error' }
  | { type: 'hang' };

export interface TeamsFake {
  url: string;
  /** A Workflows webhook URL with the right signature. */
  webhookUrl: string;
  /** The same flow with a wrong signature. */
  forgedWebhookUrl: string;
  /** Base for `token_url`: `${tokenUrl(tenant)}`. */
  tokenUrl(tenant: string): string;
  graphUrl: string;
  requests: TeamsFakeRequest[];
  /** Cards that were posted, by surface. */
  cards: { surface: 'webhook' | 'graph'; card: Record<string, unknown>; id: string }[];
  /** Invalidates every access token issued so far (as a revocation would). */
  revokeTokens(): void;
  fail(failure: TeamsFailure | null, surfaces?: TeamsFakeRequest['surface'][]): void;
  close(): Promise<void>;
}

export async function startTeamsFake(options: {
  tenant: string;
  clientId: string;
  clientSecret: string;
  teamId: string;
  channels: Record<string, string>;
}): Promise<TeamsFake> {
  const requests: TeamsFakeRequest[] = [];
  const cards: TeamsFake['cards'] = [];
  const workflowId = randomBytes(16).toString('hex');
  const signature = randomBytes(24).toString('base64url');
  let tokens = new Set<string>();
  let failure: { failure: TeamsFailure; surfaces?: TeamsFakeRequest['surface'][] } | null = null;
  let sequence = 0;

  const webhook = (request: TeamsFakeRequest, res: ServerResponse) => {
    if (request.query.sig !== signature || request.query['api-version'] === undefined) {
      return json(res, 401, {
        error: {
          code: 'DirectApiInvalidAuthorizationSignature',
          message: 'The provided authorization signature is not valid.',
        },
      });
    }
    const payload = parseJson(request, res);
    if (!payload) return;
    const problems = messageProblems(payload);
    if (problems.length) {
      return json(res, 400, {
        error: { code: 'InvalidRequestContent', message: `The card is not valid: ${problems.join('; ')}` },
      });
    }
    const runId = `0858${String(++sequence).padStart(16, '0')}CU00`;
    const attachment = (payload.attachments as { content: Record<string, unknown> }[])[0]!;
    cards.push({ surface: 'webhook', card: attachment.content, id: runId });
    res.writeHead(202, { 'x-ms-workflow-run-id': runId, 'content-length': '0' });
    res.end();
  };

  const token = (request: TeamsFakeRequest, res: ServerResponse, tenant: string) => {
    const aad = (status: number, error: string, code: number, description: string) =>
      json(res, status, {
        error,
        error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${randomUUID()}\r\nCorrelation ID: ${randomUUID()}`,
        error_codes: [code],
        timestamp: new Date().toISOString(),
      });
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return aad(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'.",
      );
    }
    const form = Object.fromEntries(new URLSearchParams(request.body));
    if (tenant !== options.tenant) return aad(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
    if (form.grant_type !== 'client_credentials') {
      return aad(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'.",
      );
    }
    if (form.client_id !== options.clientId) {
      return aad(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${form.client_id}' was not found.`,
      );
    }
    if (form.client_secret !== options.clientSecret) {
      return aad(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    }
    if (form.scope !== 'https://graph.microsoft.com/.default') {
      return aad(400, 'invalid_scope', 1002012, `The provided value for scope ${form.scope} is not valid.`);
    }
    const issued = randomBytes(32).toString('base64url');
    tokens.add(issued);
    return json(res, 200, {
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: issued,
    });
  };

  const graph = (request: TeamsFakeRequest, res: ServerResponse) => {
    const auth = request.headers.authorization;
    if (!auth?.startsWith('Bearer ') || !tokens.has(auth.slice('Bearer '.length))) {
      return json(res, 401, {
        error: {
          code: 'InvalidAuthenticationToken',
          message: auth ? 'Access token validation failure.' : 'Access token is empty.',
        },
      });
    }
    const match = /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)(\/messages)?$/.exec(request.path);
    if (!match)
      return json(res, 400, {
        error: { code: 'BadRequest', message: `Resource not found for the segment '${request.path}'.` },
      });
    const teamId = decodeURIComponent(match[1]!);
    const channelId = decodeURIComponent(match[2]!);
    if (teamId !== options.teamId)
      return json(res, 404, { error: { code: 'NotFound', message: 'No team found with Group Id.' } });
    if (!options.channels[channelId])
      return json(res, 404, { error: { code: 'NotFound', message: 'Channel not found.' } });
    if (!match[3] && request.method === 'GET') {
      return json(res, 200, {
        id: channelId,
        displayName: options.channels[channelId],
        membershipType: 'standard',
      });
    }
    if (!match[3] || request.method !== 'POST')
      return json(res, 405, { error: { code: 'MethodNotAllowed', message: 'Method not allowed.' } });
    const payload = parseJson(request, res);
    if (!payload) return;
    const { problems, card } = chatMessageProblems(payload);
    if (problems.length)
      return json(res, 400, { error: { code: 'BadRequest', message: problems.join('; ') } });
    const id = String(Date.now() * 1000 + ++sequence);
    cards.push({ surface: 'graph', card: card!, id });
    return json(res, 201, {
      id,
      replyToId: null,
      messageType: 'message',
      createdDateTime: new Date().toISOString(),
      subject: payload.subject ?? null,
      body: payload.body,
      attachments: payload.attachments,
      channelIdentity: { teamId, channelId },
      from: { application: { id: options.clientId, displayName: 'Switchboard' }, user: null },
    });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const tokenMatch = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
      const surface: TeamsFakeRequest['surface'] =
        url.pathname === `/workflows/${workflowId}/triggers/manual/paths/invoke`
          ? 'webhook'
          : tokenMatch
            ? 'token'
            : url.pathname.startsWith('/v1.0/')
              ? 'graph'
              : 'unknown';
      const request: TeamsFakeRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([key, value]) => [
            key,
            Array.isArray(value) ? value.join(', ') : value,
          ]),
        ),
        body: Buffer.concat(chunks).toString('utf8'),
        surface,
      };
      requests.push(request);
      const active =
        failure && (!failure.surfaces || failure.surfaces.includes(surface)) ? failure.failure : null;
      if (active?.type === 'hang') return;
      if (active?.type === 'server_error') {
        return json(res, 503, {
          error: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable.' },
        });
      }
      if (active?.type === 'rate_limited') {
        res.setHeader('retry-after', String(active.retryAfterSeconds));
        return json(res, 429, { error: { code: 'TooManyRequests', message: 'Too many requests.' } });
      }
      if (active?.type === 'unauthorized') {
        return surface === 'token'
          ? json(res, 401, {
              error: 'invalid_client',
              error_description: 'AADSTS7000215: Invalid client secret provided.',
            })
          : json(res, 401, {
              error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' },
            });
      }
      if (surface === 'webhook' && req.method === 'POST') return webhook(request, res);
      if (surface === 'token' && req.method === 'POST')
        return token(request, res, decodeURIComponent(tokenMatch![1]!));
      if (surface === 'graph') return graph(request, res);
      return json(res, 404, { error: { code: 'NotFound', message: 'Not found.' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const invoke = (sig: string) =>
    `${base}/workflows/${workflowId}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${sig}`;
  return {
    url: base,
    webhookUrl: invoke(signature),
    forgedWebhookUrl: invoke(randomBytes(24).toString('base64url')),
    tokenUrl: (tenant) => `${base}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`,
    graphUrl: base,
    requests,
    cards,
    revokeTokens() {
      tokens = new Set();
    },
    fail(next, surfaces) {
      failure = next ? { failure: next, ...(surfaces ? { surfaces } : {}) } : null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseJson(request: TeamsFakeRequest, res: ServerResponse): Record<string, unknown> | undefined {
  if (!request.headers['content-type']?.startsWith('application/json')) {
    json(res, 415, {
      error: { code: 'UnsupportedMediaType', message: 'The content type must be application/json.' },
    });
    return undefined;
  }
  if (Buffer.byteLength(request.body) > MAX_BYTES) {
    json(res, 413, { error: { code: 'RequestEntityTooLarge', message: 'The message is over 28 KB.' } });
    return undefined;
  }
  try {
    const parsed = JSON.parse(request.body) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Answered below.
  }
  json(res, 400, {
    error: { code: 'InvalidRequestContent', message: 'The request body is not a JSON object.' },
  });
  return undefined;
}

/** A webhook message: {type: "message", attachments: [{contentType: adaptive card, content: card}]}. */
function messageProblems(payload: Record<string, unknown>): string[] {
  if (payload.type !== 'message') return ['type must be "message"'];
  const attachments = payload.attachments;
  if (!Array.isArray(attachments) || attachments.length === 0) return ['attachments must hold the card'];
  return attachments.flatMap((attachment, index) => {
    const { contentType, content } = (attachment ?? {}) as { contentType?: unknown; content?: unknown };
    if (contentType !== CARD) return [`attachments[${index}].contentType must be ${CARD}`];
    return cardProblems(content, `attachments[${index}].content`);
  });
}

/** A Graph chatMessage whose HTML body references each card attachment, whose content is the card as a string. */
function chatMessageProblems(payload: Record<string, unknown>): {
  problems: string[];
  card?: Record<string, unknown>;
} {
  const body = payload.body as { contentType?: unknown; content?: unknown } | undefined;
  if (!body || typeof body.content !== 'string') return { problems: ['body.content is required'] };
  const attachments = payload.attachments;
  if (!Array.isArray(attachments) || attachments.length === 0)
    return { problems: ['attachments must hold the card'] };
  const problems: string[] = [];
  let card: Record<string, unknown> | undefined;
  attachments.forEach((attachment, index) => {
    const { id, contentType, content } = (attachment ?? {}) as {
      id?: unknown;
      contentType?: unknown;
      content?: unknown;
    };
    if (
      typeof id !== 'string' ||
      !(body.content as string).includes(`<attachment id="${id}"></attachment>`)
    ) {
      problems.push(`Attachment with id '${String(id)}' is not referenced in the message body.`);
    }
    if (contentType !== CARD) problems.push(`attachments[${index}].contentType must be ${CARD}`);
    if (typeof content !== 'string') {
      problems.push(`attachments[${index}].content must be the card as a JSON string`);
      return;
    }
    try {
      card = JSON.parse(content);
    } catch {
      problems.push(`attachments[${index}].content is not JSON`);
      return;
    }
    problems.push(...cardProblems(card, `attachments[${index}].content`));
  });
  return { problems, ...(card ? { card } : {}) };
}

function cardProblems(card: unknown, at: string): string[] {
  if (!card || typeof card !== 'object') return [`${at} must be an Adaptive Card object`];
  const { type, version, body, actions } = card as Record<string, unknown>;
  const problems: string[] = [];
  if (type !== 'AdaptiveCard') problems.push(`${at}.type must be AdaptiveCard`);
  if (typeof version !== 'string' || !/^1\.[0-5]$/.test(version))
    problems.push(`${at}.version must be 1.0 to 1.5`);
  if (body !== undefined && !Array.isArray(body)) problems.push(`${at}.body must be an array`);
  for (const [index, element] of (Array.isArray(body) ? body : []).entries()) {
    const where = `${at}.body[${index}]`;
    const {
      type: kind,
      text,
      facts,
    } = (element ?? {}) as { type?: unknown; text?: unknown; facts?: unknown };
    if (typeof kind !== 'string' || !BODY_ELEMENTS.has(kind))
      problems.push(`${where}.type ${String(kind)} is unknown`);
    if (kind === 'TextBlock' && (typeof text !== 'string' || !text))
      problems.push(`${where}.text is required`);
    if (kind === 'FactSet') {
      if (!Array.isArray(facts) || facts.length === 0) problems.push(`${where}.facts is required`);
      for (const [f, fact] of (Array.isArray(facts) ? facts : []).entries()) {
        const { title, value } = (fact ?? {}) as { title?: unknown; value?: unknown };
        if (typeof title !== 'string' || typeof value !== 'string') {
          problems.push(`${where}.facts[${f}] needs string title and value`);
        }
      }
    }
  }
  if (actions !== undefined && !Array.isArray(actions)) problems.push(`${at}.actions must be an array`);
  for (const [index, action] of (Array.isArray(actions) ? actions : []).entries()) {
    const where = `${at}.actions[${index}]`;
    const { type: kind, url, title } = (action ?? {}) as { type?: unknown; url?: unknown; title?: unknown };
    if (typeof kind !== 'string' || !ACTIONS.has(kind))
      problems.push(`${where}.type ${String(kind)} is unknown`);
    if (title !== undefined && typeof title !== 'string') problems.push(`${where}.title must be a string`);
    if (kind === 'Action.OpenUrl' && (typeof url !== 'string' || !URL.canParse(url))) {
      problems.push(`${where}.url must be an absolute URL`);
    }
  }
  return problems;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
