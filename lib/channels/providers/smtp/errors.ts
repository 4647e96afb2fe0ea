import { alreadyClassified, isCertificateProblem, networkCode } from '../../classify-failure';
import { DeliveryError } from '../../types';

// nodemailer's own codes for failures of the connection itself (besides the socket's errno codes, which the
// shared rule knows): the server may well be back in a minute.
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS']);

interface NodemailerError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/**
 * SMTP replies decide first: 4xx (421, 450, 451, 452…) is a temporary failure, 5xx (535 bad credentials, 550 no
 * such mailbox, 553…) a permanent one. Without a reply the shared rule (classify-failure.ts) applies: connection
 * trouble is retryable, a certificate problem is not; anything else with a code (missing credentials, a
 * malformed message) is a configuration problem that retrying won't fix.
 */
export function classifySmtpError(error: unknown, request: Record<string, unknown>): DeliveryError {
  const classified = alreadyClassified(error, request);
  if (classified) return classified;
  const { code, responseCode, response, message, command } = error as NodemailerError;
  const reply = response ?? message;
  const details = { request, ...(responseCode ? { responseCode, response: { reply } } : {}) };
  // requireTLS: a server that does not speak STARTTLS answers 5xx to it. Nothing was sent in the clear.
  if (command === 'STARTTLS' && responseCode) {
    return new DeliveryError(
      `the SMTP server does not accept STARTTLS (${reply}), and this channel requires it: use encryption "tls" if the server speaks TLS from the first byte (usually port 465), or "none" to send in the clear`,
      'permanent',
      details,
    );
  }
  if (responseCode && responseCode >= 500) {
    return new DeliveryError(`SMTP server refused (${responseCode}): ${reply}`, 'permanent', details);
  }
  if (responseCode && responseCode >= 400) {
    return new DeliveryError(`SMTP server deferred (${responseCode}): ${reply}`, 'retryable', details);
  }
  // An untrusted or mismatched certificate will not fix itself; it is reported as configuration.
  if (isCertificateProblem(error)) {
    return new DeliveryError(`TLS with the SMTP server failed: ${message}`, 'permanent', details);
  }
  if ((code && TRANSIENT_CODES.has(code)) || networkCode(error)) {
    return new DeliveryError(`could not reach the SMTP server: ${message}`, 'retryable', details);
  }
  return new DeliveryError(`SMTP ${code ?? 'error'}: ${message}`, code ? 'permanent' : 'retryable', details);
}
