import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { jwtVerify } from 'jose';
import { generate } from 'selfsigned';

/**
 * A strict stand-in for Google's OAuth token endpoint (service-account JWT bearer grant) at
 * https://oauth2.googleapis.com/token and the FCM HTTP v1 `messages:send` API at https://fcm.googleapis.com, on
 * 127.0.0.1 over TLS, with a certificate for those two names issued by a CA of its own (`ca`). firebase-admin
 * only ever calls those hosts; a proxy that tunnels them here (`routes`, test/support/connect-proxy.ts) is how a
 * test reaches the fake, and each request must come to the host its endpoint lives on, under that TLS name.
 * It owns the service account: the key file it hands out is the only one whose assertions it accepts, and only
 * the access tokens it issued open `messages:send`. Error bodies have Google's shape:
 * `{"error": {"code", "message", "status", "details": [{"@type": "…FcmError", "errorCode"}]}}`.
 */

export type FcmFakeMode =
  | { kind: 'ok' }
  | { kind: 'unauthorized' }
  | { kind: 'rate-limited'; retryAfter: string }
  | { kind: 'server-error' }
  | { kind: 'hang' };

export interface FcmFakeRequest {
  endpoint: 'token' | 'send';
  method: string;
  /** The Host header (and the TLS server name it came under). */
  host: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Set when the client gave up on a request left unanswered (mode `hang`) and closed its connection. */
  abandoned?: boolean;
}

export interface AcceptedMessage {
  name: string;
  validateOnly: boolean;
  message: Record<string, unknown>;
  /** The decoded claims of the assertion that got the access token used. */
  claims: Record<string, unknown>;
}

export interface FcmFake {
  /** What the fake answers as: Google's hosts. */
  url: string;
  tokenUrl: string;
  /** The CA that issued the fake's certificate for Google's hosts (PEM). */
  ca: string;
  /** `host:port` as a client asks a proxy for it → where the fake listens. */
  routes: Record<string, { host: string; port: number }>;
  projectId: string;
  clientEmail: string;
  /** The service-account key file (JSON) to put into the channel config. */
  serviceAccount: string;
  requests: FcmFakeRequest[];
  accepted: AcceptedMessage[];
  /** How `messages:send` answers from now on. */
  behave(mode: FcmFakeMode): void;
  /** Makes the token endpoint refuse every assertion with invalid_grant. */
  refuseAssertions(refuse: boolean): void;
  /** Revokes every access token issued so far (FCM then answers 401 UNAUTHENTICATED). */
  revokeTokens(): void;
  unregister(token: string): void;
  close(): Promise<void>;
}

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const FCM_HOST = 'fcm.googleapis.com';
export const TOKEN_HOST = 'oauth2.googleapis.com';
const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const FCM_ERROR = 'type.googleapis.com/google.firebase.fcm.v1.FcmError';
const MESSAGE_FIELDS = new Set([
  'name',
  'data',
  'notification',
  'android',
  'webpush',
  'apns',
  'fcm_options',
  'token',
  'topic',
  'condition',
]);
const NOTIFICATION_FIELDS = new Set(['title', 'body', 'image']);
// Real tokens are ~150+ characters of this alphabet; shorter or odder strings are refused as FCM does.
const TOKEN = /^[A-Za-z0-9_:-]{32,4096}$/;

export async function startFcmFake(
  projectId = `switchboard-${randomBytes(3).toString('hex')}`,
): Promise<FcmFake> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = randomBytes(20).toString('hex');
  const clientEmail = `sender@${projectId}.iam.gserviceaccount.com`;
  const serviceAccount = JSON.stringify({
    type: 'service_account',
    project_id: projectId,
    private_key_id: keyId,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    client_email: clientEmail,
    client_id: '1234567890',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token',
  });
  const requests: FcmFakeRequest[] = [];
  const accepted: AcceptedMessage[] = [];
  const issued = new Map<string, Record<string, unknown>>();
  const unregistered = new Set<string>();
  let mode: FcmFakeMode = { kind: 'ok' };
  let refuse = false;
  const tokenUrl = `https://${TOKEN_HOST}/token`;
  const tls = await googleCertificate();

  async function token(req: FcmFakeRequest, res: ServerResponse) {
    if (req.method !== 'POST') return oauthError(res, 405, 'invalid_request', 'POST required');
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return oauthError(
        res,
        400,
        'invalid_request',
        'Content-Type must be application/x-www-form-urlencoded',
      );
    }
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== JWT_BEARER) {
      return oauthError(
        res,
        400,
        'unsupported_grant_type',
        `Invalid grant_type: ${form.get('grant_type') ?? ''}`,
      );
    }
    const assertion = form.get('assertion');
    if (!assertion) return oauthError(res, 400, 'invalid_request', 'Missing required parameter: assertion');
    if (refuse) return oauthError(res, 400, 'invalid_grant', 'Invalid JWT Signature.');
    try {
      const { payload, protectedHeader } = await jwtVerify(assertion, publicKey, {
        algorithms: ['RS256'],
        issuer: clientEmail,
        audience: tokenUrl,
        requiredClaims: ['iat', 'exp', 'scope'],
      });
      // Google's own client libraries send no key id; one that is sent must be the account's.
      if (protectedHeader.kid !== undefined && protectedHeader.kid !== keyId)
        throw new Error('unknown key id');
      if ((payload.exp ?? 0) - (payload.iat ?? 0) > 3600) throw new Error('lifetime over one hour');
      if (!String(payload.scope).split(' ').includes(FCM_SCOPE)) throw new Error('scope');
      const accessToken = `ya29.fake-${randomBytes(24).toString('base64url')}`;
      issued.set(accessToken, payload as Record<string, unknown>);
      return json(res, 200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' });
    } catch {
      return oauthError(res, 400, 'invalid_grant', 'Invalid JWT Signature.');
    }
  }

  function send(req: FcmFakeRequest, res: ServerResponse, project: string) {
    if (req.method !== 'POST') return googleError(res, 405, 'Method Not Allowed', 'INVALID_ARGUMENT');
    const claims = issued.get(/^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (!claims || mode.kind === 'unauthorized') {
      return googleError(
        res,
        401,
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        'UNAUTHENTICATED',
      );
    }
    if (project !== projectId) {
      return googleError(
        res,
        403,
        `Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/${project}' (or it may not exist).`,
        'PERMISSION_DENIED',
      );
    }
    if (mode.kind === 'rate-limited') {
      return googleError(
        res,
        429,
        'Quota exceeded for quota metric.',
        'RESOURCE_EXHAUSTED',
        'QUOTA_EXCEEDED',
        {
          'retry-after': mode.retryAfter,
        },
      );
    }
    if (mode.kind === 'server-error')
      return googleError(res, 500, 'Internal error encountered.', 'INTERNAL', 'INTERNAL');
    if (!req.headers['content-type']?.startsWith('application/json')) {
      return googleError(res, 400, 'Invalid JSON payload received.', 'INVALID_ARGUMENT');
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body);
    } catch {
      return googleError(res, 400, 'Invalid JSON payload received. Unexpected token.', 'INVALID_ARGUMENT');
    }
    const problem = invalid(body);
    if (problem) return googleError(res, 400, problem, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT');
    const message = body.message as Record<string, unknown>;
    if (typeof message.token === 'string') {
      if (!TOKEN.test(message.token)) {
        return googleError(
          res,
          400,
          'The registration token is not a valid FCM registration token',
          'INVALID_ARGUMENT',
          'INVALID_ARGUMENT',
        );
      }
      if (unregistered.has(message.token)) {
        return googleError(res, 404, 'Requested entity was not found.', 'NOT_FOUND', 'UNREGISTERED');
      }
    }
    const validateOnly = body.validate_only === true;
    const name = `projects/${projectId}/messages/${validateOnly ? 'fake_message_id' : `0:${Date.now()}%${randomUUID().slice(0, 16)}`}`;
    accepted.push({ name, validateOnly, message, claims });
    return json(res, 200, { name });
  }

  const server = createServer({ key: tls.key, cert: tls.cert }, async (incoming, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const path = incoming.url ?? '/';
    const host = incoming.headers.host ?? '';
    const sendPath = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(path);
    const req: FcmFakeRequest = {
      endpoint: sendPath ? 'send' : 'token',
      method: incoming.method ?? '',
      host,
      path,
      headers: incoming.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(req);
    // Each endpoint lives on its own host, reached under that TLS name, as at Google.
    const servername = (incoming.socket as TLSSocket).servername;
    if (servername !== host) return googleError(res, 421, 'Misdirected Request', 'INVALID_ARGUMENT');
    if (host === TOKEN_HOST && path === '/token') return token(req, res);
    if (host !== FCM_HOST || !sendPath) return googleError(res, 404, 'Not Found', 'NOT_FOUND');
    if (mode.kind === 'hang') {
      res.once('close', () => {
        req.abandoned = true;
      });
      return;
    }
    return send(req, res, decodeURIComponent(sendPath[1]!));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
  return {
    url: `https://${FCM_HOST}`,
    tokenUrl,
    ca: tls.ca,
    routes: { [`${FCM_HOST}:443`]: address, [`${TOKEN_HOST}:443`]: address },
    projectId,
    clientEmail,
    serviceAccount,
    requests,
    accepted,
    behave: (next) => {
      mode = next;
    },
    refuseAssertions: (value) => {
      refuse = value;
    },
    revokeTokens: () => issued.clear(),
    unregister: (token) => unregistered.add(token),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A CA of the fake's own, and a certificate it issued for Google's two hosts. */
async function googleCertificate(): Promise<{ ca: string; key: string; cert: string }> {
  const ca = await generate([{ name: 'commonName', value: 'Switchboard test CA for Google hosts' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: FCM_HOST }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: FCM_HOST },
          { type: 2, value: TOKEN_HOST },
        ],
      },
    ],
  });
  return { ca: ca.cert, key: leaf.private, cert: leaf.cert };
}

/** What FCM refuses in a message, as its 400 INVALID_ARGUMENT message says it; undefined when acceptable. */
function invalid(body: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(body)) {
    if (key !== 'message' && key !== 'validate_only')
      return `Invalid JSON payload received. Unknown name "${key}": Cannot find field.`;
  }
  const message = body.message;
  if (!message || typeof message !== 'object') return 'Request contains an invalid argument.';
  const fields = message as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!MESSAGE_FIELDS.has(key))
      return `Invalid JSON payload received. Unknown name "${key}" at 'message': Cannot find field.`;
  }
  const targets = ['token', 'topic', 'condition'].filter((key) => fields[key] !== undefined);
  if (targets.length !== 1) return 'Exactly one of token, topic or condition must be specified.';
  if (typeof fields[targets[0]!] !== 'string')
    return `Invalid value at 'message.${targets[0]}' (TYPE_STRING)`;
  if (fields.notification !== undefined) {
    if (typeof fields.notification !== 'object') return "Invalid value at 'message.notification'";
    for (const [key, value] of Object.entries(fields.notification as object)) {
      if (!NOTIFICATION_FIELDS.has(key))
        return `Invalid JSON payload received. Unknown name "${key}" at 'message.notification': Cannot find field.`;
      if (typeof value !== 'string') return `Invalid value at 'message.notification.${key}' (TYPE_STRING)`;
    }
  }
  if (fields.data !== undefined) {
    if (!fields.data || typeof fields.data !== 'object') return "Invalid value at 'message.data'";
    for (const [key, value] of Object.entries(fields.data)) {
      if (typeof value !== 'string') return `Invalid value at 'message.data[${key}].value' (TYPE_STRING)`;
    }
  }
  for (const section of ['android', 'apns', 'webpush']) {
    const value = fields[section];
    if (value !== undefined && (!value || typeof value !== 'object' || Array.isArray(value))) {
      return `Invalid value at 'message.${section}'`;
    }
  }
  return undefined;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

function oauthError(res: ServerResponse, status: number, error: string, description: string) {
  json(res, status, { error, error_description: description });
}

function googleError(
  res: ServerResponse,
  code: number,
  message: string,
  status: string,
  fcmErrorCode?: string,
  headers: Record<string, string> = {},
) {
  json(
    res,
    code,
    {
      error: {
        code,
        message,
        status,
        ...(fcmErrorCode ? { details: [{ '@type': FCM_ERROR, errorCode: fcmErrorCode }] } : {}),
      },
    },
    headers,
  );
}
