import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SinkRequest } from '../support/http-sink';

/**
 * Server-side check of AWS Signature Version 4, written from the specification rather than with the SDK's signer
 * so that it can catch the SDK being pointed or configured wrongly. First the shape of the Authorization header
 * (Credential = key id / date / region / service / aws4_request, SignedHeaders, Signature), then the signature
 * itself, recomputed from the request as received and the known secret key. Failures are answered the way AWS
 * JSON APIs answer them: 403 with an error code.
 */

export interface SigV4Keys {
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SigV4Failure {
  status: number;
  code: string;
  message: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*), ?Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{8})T\d{6}Z$/;
const MAX_SKEW_MS = 15 * 60_000;

export function verifySigV4(req: SinkRequest, keys: SigV4Keys): SigV4Failure | null {
  const authorization = req.headers.authorization;
  if (!authorization) return failure('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const match = AUTHORIZATION.exec(authorization);
  if (!match) {
    return failure(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${authorization.split(' ')[0]}`,
    );
  }
  const [, accessKeyId, date, region, service, signedHeaderList, signature] = match as unknown as string[];
  const amzDate = req.headers['x-amz-date'] ?? '';
  const dateMatch = AMZ_DATE.exec(amzDate);
  if (!dateMatch) return failure('IncompleteSignatureException', 'Missing or malformed X-Amz-Date header');
  if (dateMatch[1] !== date) {
    return failure(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${dateMatch[1]}'`,
    );
  }
  const signedAt = Date.parse(
    amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  if (Math.abs(Date.now() - signedAt) > MAX_SKEW_MS) {
    return failure(
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than the allowed skew`,
    );
  }
  if (accessKeyId !== keys.accessKeyId) {
    return failure('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  if (region !== keys.region) {
    return failure(
      'InvalidSignatureException',
      `Credential should be scoped to a valid region, not '${region}'.`,
    );
  }
  if (service !== keys.service) {
    return failure(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${keys.service}'.`,
    );
  }
  const signedHeaders = (signedHeaderList as string).split(';');
  const sorted = [...signedHeaders].sort();
  if (
    signedHeaders.join(';') !== sorted.join(';') ||
    !signedHeaders.includes('host') ||
    !signedHeaders.includes('x-amz-date')
  ) {
    return failure(
      'InvalidSignatureException',
      'SignedHeaders must be sorted and include host and x-amz-date.',
    );
  }
  const missing = signedHeaders.find((name) => req.headers[name] === undefined);
  if (missing)
    return failure('InvalidSignatureException', `Signed header ${missing} is missing from the request.`);

  const url = new URL(req.path, 'http://placeholder');
  const canonicalRequest = [
    req.method,
    canonicalPath(req.path.split('?')[0] ?? '/'),
    canonicalQuery(url.searchParams),
    ...signedHeaders.map((name) => `${name}:${(req.headers[name] ?? '').trim().replace(/\s+/g, ' ')}`),
    '',
    signedHeaders.join(';'),
    req.headers['x-amz-content-sha256'] ?? sha256(req.body),
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${keys.secretAccessKey}`, date as string);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part as string);
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature as string, 'hex'))) {
    return failure(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return null;
}

/** Non-S3 services sign the path as sent, each segment URI-encoded once more. */
function canonicalPath(path: string): string {
  return path
    .split('/')
    .map((segment) => uriEscape(segment))
    .join('/');
}

function canonicalQuery(params: URLSearchParams): string {
  return [...params.entries()]
    .map(([key, value]) => [uriEscape(key), uriEscape(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** RFC 3986 encoding, as SigV4 requires: only A–Z a–z 0–9 - _ . ~ stay as they are. */
function uriEscape(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, value: string): Buffer {
  return createHmac('sha256', key).update(value, 'utf8').digest();
}

function failure(code: string, message: string): SigV4Failure {
  return { status: 403, code, message };
}
