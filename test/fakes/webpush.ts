import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  type ECDH,
  hkdfSync,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { generate } from 'selfsigned';

/**
 * A strict stand-in for a push service (RFC 8030) over TLS on 127.0.0.1, that also plays the browser: it holds
 * each subscription's private key and auth secret and decrypts the aes128gcm payload (RFC 8291/8188), so a
 * test sees exactly what a service worker would. VAPID (RFC 8292) is checked as push services do: the JWT in
 * `Authorization: vapid t=…, k=…` must verify (ES256) with `k`, have the endpoint's origin as `aud`, an `exp` in
 * the next 24 hours and a `sub`; `k` must be the applicationServerKey the subscription was made with.
 */

export type WebpushFakeMode =
  | { kind: 'ok' }
  | { kind: 'unauthorized' }
  | { kind: 'rate-limited'; retryAfter: string }
  | { kind: 'server-error' }
  | { kind: 'hang' };

export interface SubscriptionKeys {
  ecdh: ECDH;
  /** base64url of the uncompressed public key, as PushSubscription.toJSON() gives it. */
  p256dh: string;
  auth: string;
}

export interface PushSubscriptionJson {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

export interface ReceivedPush {
  subscriptionId: string;
  headers: IncomingMessage['headers'];
  claims: Record<string, unknown>;
  /** The decrypted payload. */
  plaintext: string;
  location: string;
}

export interface WebpushFakeRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  bodyBytes: number;
}

export interface WebpushFake {
  origin: string;
  ca: string;
  requests: WebpushFakeRequest[];
  received: ReceivedPush[];
  /** Registers a subscription made with `applicationServerKey` (the channel's VAPID public key). */
  subscribe(keys: SubscriptionKeys, applicationServerKey: string): PushSubscriptionJson;
  /** The browser unsubscribed: 410 Gone from now on. */
  expire(endpoint: string): void;
  behave(mode: WebpushFakeMode): void;
  close(): Promise<void>;
}

/** A browser's subscription key pair: P-256 ECDH keys and a 16-byte auth secret. */
export function generateSubscriptionKeys(): SubscriptionKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    ecdh,
    p256dh: ecdh.getPublicKey().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  };
}

const URGENCIES = ['very-low', 'low', 'normal', 'high'];
const MAX_BODY = 4096;

class Refusal {
  constructor(
    readonly status: number,
    readonly message: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

export async function startWebpushFake(): Promise<WebpushFake> {
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
  const subscriptions = new Map<
    string,
    { keys: SubscriptionKeys; applicationServerKey: string; expired: boolean }
  >();
  const requests: WebpushFakeRequest[] = [];
  const received: ReceivedPush[] = [];
  let mode: WebpushFakeMode = { kind: 'ok' };
  let origin = '';

  async function handle(req: IncomingMessage, body: Buffer, res: ServerResponse) {
    if (req.method !== 'POST') throw new Refusal(405, 'Method Not Allowed');
    const id = /^\/push\/([A-Za-z0-9_-]+)$/.exec(req.url ?? '')?.[1];
    const subscription = id ? subscriptions.get(id) : undefined;
    if (!id || !subscription) throw new Refusal(404, 'No such subscription');
    if (subscription.expired) throw new Refusal(410, 'Subscription has expired or been unsubscribed');
    const claims = await verifyVapid(req.headers.authorization, subscription.applicationServerKey);
    if (mode.kind === 'hang') return;
    if (mode.kind === 'unauthorized')
      throw new Refusal(401, 'Request did not validate: invalid bearer token');
    if (mode.kind === 'rate-limited')
      throw new Refusal(429, 'Too Many Requests', { 'retry-after': mode.retryAfter });
    if (mode.kind === 'server-error') throw new Refusal(500, 'Internal Server Error');
    const ttl = req.headers.ttl;
    if (typeof ttl !== 'string' || !/^\d+$/.test(ttl)) throw new Refusal(400, 'TTL header is required');
    const urgency = req.headers.urgency;
    if (urgency !== undefined && !URGENCIES.includes(String(urgency)))
      throw new Refusal(400, 'Invalid Urgency');
    const topic = req.headers.topic;
    if (topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(String(topic)))
      throw new Refusal(400, 'Invalid Topic');
    if (body.length > MAX_BODY) throw new Refusal(413, 'Payload Too Large');
    if (req.headers['content-encoding'] !== 'aes128gcm')
      throw new Refusal(415, 'Content-Encoding must be aes128gcm');
    let plaintext: string;
    try {
      plaintext = decrypt(body, subscription.keys);
    } catch (error) {
      throw new Refusal(400, `payload does not decrypt: ${(error as Error).message}`);
    }
    const location = `${origin}/m/${randomUUID()}`;
    received.push({ subscriptionId: id, headers: req.headers, claims, plaintext, location });
    res.writeHead(201, { location, ttl });
    res.end();
  }

  async function verifyVapid(authorization: string | undefined, applicationServerKey: string) {
    const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/i.exec(authorization ?? '');
    if (!match) throw new Refusal(401, 'Missing or malformed VAPID Authorization');
    const [, jwt, k] = match as unknown as [string, string, string];
    const point = Buffer.from(k, 'base64url');
    if (point.length !== 65 || point[0] !== 4) throw new Refusal(401, 'k is not an uncompressed P-256 key');
    try {
      const key = createPublicKey({
        key: {
          kty: 'EC',
          crv: 'P-256',
          x: point.subarray(1, 33).toString('base64url'),
          y: point.subarray(33).toString('base64url'),
        },
        format: 'jwk',
      });
      const { payload } = await jwtVerify(jwt, key, {
        algorithms: ['ES256'],
        audience: origin,
        requiredClaims: ['exp', 'sub'],
      });
      if ((payload.exp ?? 0) > Date.now() / 1000 + 86_400) throw new Error('exp more than 24 hours ahead');
      if (!/^(mailto:|https:)/.test(String(payload.sub))) throw new Error('sub is not mailto: or https:');
      // RFC 8292 §4.2: a key other than the subscription's applicationServerKey is refused with 403.
      if (k !== applicationServerKey) throw new Refusal(403, 'VAPID key does not match the subscription');
      return payload as Record<string, unknown>;
    } catch (error) {
      throw error instanceof Refusal
        ? error
        : new Refusal(401, `Invalid VAPID token: ${(error as Error).message}`);
    }
  }

  const server = createServer({ key: tls.private, cert: tls.cert }, async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      bodyBytes: body.length,
    });
    try {
      await handle(req, body, res);
    } catch (error) {
      const refusal = error instanceof Refusal ? error : new Refusal(500, (error as Error).message);
      res.writeHead(refusal.status, { 'content-type': 'text/plain', ...refusal.headers });
      res.end(refusal.message);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    ca: tls.cert,
    requests,
    received,
    subscribe(keys, applicationServerKey) {
      const id = randomBytes(16).toString('base64url');
      subscriptions.set(id, { keys, applicationServerKey, expired: false });
      return {
        endpoint: `${origin}/push/${id}`,
        expirationTime: null,
        keys: { p256dh: keys.p256dh, auth: keys.auth },
      };
    },
    expire(endpoint) {
      const subscription = subscriptions.get(endpoint.split('/').at(-1) ?? '');
      if (subscription) subscription.expired = true;
    },
    behave: (next) => {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * RFC 8291 decryption as the browser does it: the aes128gcm header (RFC 8188 §2.1) carries the salt, record
 * size and the sender's ephemeral public key; the content key and nonce come from ECDH with the subscription's
 * private key, mixed with its auth secret, through HKDF-SHA-256.
 */
export function decrypt(body: Buffer, keys: SubscriptionKeys): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const senderPublic = body.subarray(21, 21 + idLength);
  if (idLength !== 65) throw new Error(`keyid must be the 65-byte sender key, got ${idLength} bytes`);
  const receiverPublic = keys.ecdh.getPublicKey();
  const sharedSecret = keys.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiverPublic, senderPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', sharedSecret, Buffer.from(keys.auth, 'base64url'), keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const ciphertext = body.subarray(21 + idLength);
  const parts: Buffer[] = [];
  for (let offset = 0, seq = 0; offset < ciphertext.length; offset += recordSize, seq += 1) {
    const record = ciphertext.subarray(offset, offset + recordSize);
    const iv = Buffer.from(nonce);
    // The record sequence number is XORed into the nonce's low-order bytes (RFC 8188 §2.3).
    iv.writeUInt32BE((iv.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv('aes-128-gcm', cek, iv);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end -= 1;
    const last = offset + recordSize >= ciphertext.length;
    if (padded[end] !== (last ? 2 : 1)) throw new Error('bad padding delimiter');
    parts.push(padded.subarray(0, end));
  }
  return Buffer.concat(parts).toString('utf8');
}
