import { type KeyObject, randomUUID, webcrypto, X509Certificate } from 'node:crypto';
import http2, { type Http2Session, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import * as x509 from '@peculiar/x509';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { generate } from 'selfsigned';

/**
 * A strict stand-in for the APNs provider API: HTTP/2 over TLS on 127.0.0.1 with a self-signed certificate
 * (`ca`), answering as Apple documents in "Sending notification requests to APNs" and "Handling notification
 * responses from APNs": a 200 with `apns-id`, or a status with `{"reason"}` (plus `timestamp` for 410).
 * It authenticates either provider tokens (ES256 JWT, verified with the team's public key) or a client
 * certificate, and knows which device tokens exist.
 */

export type ApnsFakeMode =
  | { kind: 'ok' }
  | { kind: 'unauthorized' }
  | { kind: 'rate-limited'; retryAfter: string }
  | { kind: 'server-error' }
  | { kind: 'hang' };

export interface ApnsFakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Claims of the provider token, when token authentication was used and it verified. */
  claims?: Record<string, unknown>;
}

export interface ApnsFakeOptions {
  bundleId: string;
  /** Token authentication: the team, key id and public key of the .p8 key. */
  token?: { teamId: string; keyId: string; publicKey: KeyObject };
  /** Certificate authentication: the PEM certificate the client must present. */
  clientCertificate?: string;
}

export interface ApnsFake {
  url: string;
  host: string;
  port: number;
  /** PEM of the self-signed server certificate, for the channel's `ca`. */
  ca: string;
  requests: ApnsFakeRequest[];
  /** Delivered notifications (200 answers). */
  delivered: ApnsFakeRequest[];
  registerDevice(token: string): void;
  /** The device uninstalled the app: 410 Unregistered with this timestamp (ms) from now on. */
  unregister(token: string, at?: number): void;
  behave(mode: ApnsFakeMode): void;
  close(): Promise<void>;
}

const PUSH_TYPES = [
  'alert',
  'background',
  'voip',
  'complication',
  'fileprovider',
  'mdm',
  'liveactivity',
  'location',
  'pushtotalk',
];
const TOPIC_SUFFIX: Record<string, string> = {
  voip: '.voip',
  complication: '.complication',
  fileprovider: '.pushkit.fileprovider',
  liveactivity: '.push-type.liveactivity',
  location: '.location-query',
  pushtotalk: '.voip-ptt',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_PAYLOAD = 4096;

class Refusal {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {}
}

export async function startApnsFake(options: ApnsFakeOptions): Promise<ApnsFake> {
  const tls = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const clientFingerprint = options.clientCertificate
    ? new X509Certificate(options.clientCertificate).fingerprint256
    : undefined;
  const requests: ApnsFakeRequest[] = [];
  const delivered: ApnsFakeRequest[] = [];
  const devices = new Set<string>();
  const unregistered = new Map<string, number>();
  const sessions = new Set<Http2Session>();
  let mode: ApnsFakeMode = { kind: 'ok' };

  async function authenticate(
    stream: ServerHttp2Stream,
    headers: IncomingHttpHeaders,
    record: ApnsFakeRequest,
  ) {
    if (clientFingerprint) {
      const peer = (stream.session?.socket as TLSSocket | undefined)?.getPeerCertificate();
      if (!peer?.fingerprint256 || peer.fingerprint256 !== clientFingerprint)
        throw new Refusal(403, 'BadCertificate');
      return;
    }
    const token = options.token!;
    const authorization = headers.authorization;
    if (!authorization) throw new Refusal(403, 'MissingProviderToken');
    const jwt = /^bearer (\S+)$/.exec(authorization)?.[1];
    if (!jwt) throw new Refusal(403, 'InvalidProviderToken');
    try {
      if (decodeProtectedHeader(jwt).kid !== token.keyId) throw new Error('kid');
      const { payload } = await jwtVerify(jwt, token.publicKey, {
        algorithms: ['ES256'],
        issuer: token.teamId,
        requiredClaims: ['iat'],
      });
      // Apple refuses tokens older than one hour.
      if (Date.now() / 1000 - (payload.iat ?? 0) > 3600) throw new Refusal(403, 'ExpiredProviderToken');
      record.claims = payload as Record<string, unknown>;
    } catch (error) {
      throw error instanceof Refusal ? error : new Refusal(403, 'InvalidProviderToken');
    }
  }

  function validate(headers: IncomingHttpHeaders, body: string, device: string) {
    const pushType = headers['apns-push-type'];
    const topic = headers['apns-topic'];
    if (!topic) throw new Refusal(400, 'MissingTopic');
    if (typeof pushType !== 'string' || !PUSH_TYPES.includes(pushType))
      throw new Refusal(400, 'InvalidPushType');
    if (topic !== `${options.bundleId}${TOPIC_SUFFIX[pushType] ?? ''}`) throw new Refusal(400, 'BadTopic');
    const priority = headers['apns-priority'];
    if (priority !== undefined && !['10', '5', '1'].includes(String(priority)))
      throw new Refusal(400, 'BadPriority');
    const expiration = headers['apns-expiration'];
    if (expiration !== undefined && !/^\d+$/.test(String(expiration)))
      throw new Refusal(400, 'BadExpirationDate');
    const collapseId = headers['apns-collapse-id'];
    if (collapseId !== undefined && Buffer.byteLength(String(collapseId)) > 64)
      throw new Refusal(400, 'BadCollapseId');
    const apnsId = headers['apns-id'];
    if (apnsId !== undefined && !UUID.test(String(apnsId))) throw new Refusal(400, 'BadMessageId');
    if (!body) throw new Refusal(400, 'PayloadEmpty');
    if (Buffer.byteLength(body) > MAX_PAYLOAD) throw new Refusal(413, 'PayloadTooLarge');
    let payload: { aps?: Record<string, unknown> };
    try {
      payload = JSON.parse(body);
    } catch {
      throw new Refusal(400, 'PayloadEmpty');
    }
    const aps = payload.aps;
    if (!aps || typeof aps !== 'object') throw new Refusal(400, 'PayloadEmpty');
    if (
      pushType === 'alert' &&
      aps.alert === undefined &&
      aps.badge === undefined &&
      aps.sound === undefined
    ) {
      throw new Refusal(400, 'PayloadEmpty');
    }
    // A push with only content-available must be sent with priority 5.
    if (pushType === 'background' && (aps['content-available'] !== 1 || String(priority) !== '5')) {
      throw new Refusal(400, 'BadPriority');
    }
    const since = unregistered.get(device);
    if (since !== undefined) throw new Refusal(410, 'Unregistered', { timestamp: since });
    if (!devices.has(device)) throw new Refusal(400, 'BadDeviceToken');
  }

  async function handle(stream: ServerHttp2Stream, headers: IncomingHttpHeaders) {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const record: ApnsFakeRequest = {
      method: String(headers[':method']),
      path: String(headers[':path']),
      headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(record);
    const apnsId = typeof headers['apns-id'] === 'string' ? headers['apns-id'] : randomUUID();
    try {
      if (record.method !== 'POST') throw new Refusal(405, 'MethodNotAllowed');
      const device = /^\/3\/device\/([^/?]+)$/.exec(record.path)?.[1];
      if (!device) throw new Refusal(404, 'BadPath');
      await authenticate(stream, headers, record);
      if (mode.kind === 'hang') return;
      if (mode.kind === 'unauthorized') throw new Refusal(403, 'InvalidProviderToken');
      if (mode.kind === 'rate-limited')
        throw new Refusal(429, 'TooManyRequests', {}, { 'retry-after': mode.retryAfter });
      if (mode.kind === 'server-error') throw new Refusal(500, 'InternalServerError');
      validate(headers, record.body, device);
      delivered.push(record);
      stream.respond({ ':status': 200, 'apns-id': apnsId });
      stream.end();
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      stream.respond({
        ':status': error.status,
        'apns-id': apnsId,
        'content-type': 'application/json',
        ...error.headers,
      });
      stream.end(JSON.stringify({ reason: error.reason, ...error.extra }));
    }
  }

  const server = http2.createSecureServer({
    key: tls.private,
    cert: tls.cert,
    ...(options.clientCertificate ? { requestCert: true, rejectUnauthorized: false } : {}),
  });
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream, headers) => {
    handle(stream, headers).catch(() => stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    ca: tls.cert,
    requests,
    delivered,
    registerDevice: (token) => devices.add(token),
    unregister: (token, at = Date.now()) => unregistered.set(token, at),
    behave: (next) => {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * An Apple-style push certificate for certificate authentication: RSA, with the "Apple Push Notification service
 * SSL (Sandbox)" extension node-apn checks the environment against.
 */
export async function generatePushCertificate(bundleId: string): Promise<{ cert: string; key: string }> {
  const algorithm = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: '01',
      // Subject as Apple issues it: CN and UID (0.9.2342.19200300.100.1.1) carry the bundle id.
      name: [
        { CN: [`Apple Development IOS Push Services: ${bundleId}`] },
        { '0.9.2342.19200300.100.1.1': [bundleId] },
      ],
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + 86_400_000),
      signingAlgorithm: algorithm,
      keys,
      extensions: [new x509.Extension('1.2.840.113635.100.6.3.1', false, new Uint8Array([0x05, 0x00]))],
    },
    webcrypto as Crypto,
  );
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const key = `-----BEGIN PRIVATE KEY-----\n${der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END PRIVATE KEY-----`;
  return { cert: cert.toString('pem').trim(), key };
}
