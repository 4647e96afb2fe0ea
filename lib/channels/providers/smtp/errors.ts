import { DeliveryError } from '../../types';

// Failures of the connection itself: the server may well be back in a minute.
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

const CERTIFICATE_PROBLEM = /certificate|self[- ]signed|altnames|unable to verify/i;

interface NodemailerError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/**
 * SMTP replies decide first: 4xx (421, 450, 451, 452…) is a temporary failure, 5xx (535 bad credentials, 550 no
 * such mailbox, 553…) a permanent one. Without a reply, connection trouble is retryable and anything else
 * (TLS setup, missing credentials, a malformed message) is a configuration problem that retrying won't fix.
 */
export function classifySmtpError(error: unknown, request: Record<string, unknown>): DeliveryError {
  if (error instanceof DeliveryError) {
    error.details.request ??= request;
    return error;
  }
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
  if (CERTIFICATE_PROBLEM.test(message)) {
    return new DeliveryError(`TLS with the SMTP server failed: ${message}`, 'permanent', details);
  }
  if (code && TRANSIENT_CODES.has(code)) {
    return new DeliveryError(`could not reach the SMTP server: ${message}`, 'retryable', details);
  }
  return new DeliveryError(`SMTP ${code ?? 'error'}: ${message}`, code ? 'permanent' : 'retryable', details);
}
