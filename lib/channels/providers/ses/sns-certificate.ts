import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { assertEndpointAllowed } from '../../../outbound/endpoint';
import { guardedAgents } from '../../../outbound/guarded-agents';

/**
 * Fetches SNS signing certificates and visits SubscribeURLs. Both URLs arrive in the (not yet trusted) request,
 * so only https URLs on the configured host (default sns.<region>.amazonaws.com) are ever fetched, through the
 * SSRF guard, with the TLS certificate verified. Certificates are cached: SNS signs with a few, for months.
 */

const TIMEOUT_MS = 10_000;
const MAX_BYTES = 64 * 1024;
const MAX_CACHED = 32;

const certificates = new Map<string, X509Certificate>();

/** Whether `url` is https on a host matching `pattern` ("*" = one whole label), optionally with a path suffix. */
export function isTrustedSnsUrl(url: string, pattern: string, pathSuffix?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  if (pathSuffix && !parsed.pathname.endsWith(pathSuffix)) return false;
  const host = parsed.hostname.toLowerCase().split('.');
  const want = pattern.toLowerCase().split('.');
  return host.length === want.length && want.every((label, i) => label === '*' || label === host[i]);
}

export async function signingCertificate(url: string, ca: string | undefined): Promise<X509Certificate> {
  const key = `${url}\n${ca ?? ''}`;
  const cached = certificates.get(key);
  if (cached && cached.validToDate.getTime() > Date.now()) return cached;
  const certificate = new X509Certificate(await httpsGet(url, ca));
  if (certificate.validToDate.getTime() <= Date.now() || certificate.validFromDate.getTime() > Date.now()) {
    throw new Error('the SNS signing certificate is not valid now');
  }
  if (certificates.size >= MAX_CACHED) certificates.delete(certificates.keys().next().value as string);
  certificates.set(key, certificate);
  return certificate;
}

/** GET over the guarded https agent; resolves with the body of a 200 answer. */
export async function httpsGet(url: string, ca: string | undefined): Promise<string> {
  await assertEndpointAllowed(url);
  return new Promise((resolve, reject) => {
    const req = https.get(
      url,
      {
        agent: guardedAgents().https,
        ...(ca ? { ca: [...rootCertificates, ca] } : {}),
        timeout: TIMEOUT_MS,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BYTES) req.destroy(new Error(`${url} answered more than ${MAX_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          if (res.statusCode === 200) resolve(Buffer.concat(chunks).toString('utf8'));
          else reject(new Error(`${url} answered HTTP ${res.statusCode}`));
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${url} did not answer within ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
  });
}
