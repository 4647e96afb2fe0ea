import { parseRetryAfter } from '../retry-after';
import { DeliveryError } from '../types';

/** What the AWS SDK puts on a service exception (and, hidden, the raw response). */
interface AwsError extends Error {
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { statusCode?: number; headers?: Record<string, string> };
  Code?: string;
  code?: string;
}

/** How one AWS service's errors read: the codes that mean "later" or "bad keys", and what a refusal refuses. */
export interface AwsErrorRules {
  /** The service as messages name it, e.g. "SES". */
  service: string;
  throttling: ReadonlySet<string>;
  credentials: ReadonlySet<string>;
  /** What the last, permanent refusal says the service did, e.g. "rejected the mail". */
  refused: string;
  /**
   * Query (XML) protocol services such as SNS: the error code may stand on `Code`/`code` rather than the
   * exception name, and a 2xx the SDK could not read is retried, since nothing says the request was refused.
   */
  queryProtocol?: boolean;
}

/**
 * Turns what an AWS SDK v3 client threw into a DeliveryError. The SDK names exceptions by the service's error
 * code. Timeouts, connection trouble, throttling and 5xx are retried (after Retry-After, when given); refused
 * credentials (401/403) and every other refusal fail for good.
 */
export function classifyAwsError(
  error: unknown,
  request: Record<string, unknown>,
  timeoutMs: number,
  rules: AwsErrorRules,
): DeliveryError {
  if (error instanceof DeliveryError) {
    error.details.request ??= request;
    return error;
  }
  const { service } = rules;
  const aws = error as AwsError;
  const status = aws.$metadata?.httpStatusCode ?? aws.$response?.statusCode;
  const name = aws.name ?? '';
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new DeliveryError(`${service} did not answer within ${timeoutMs} ms`, 'retryable', { request });
  }
  if (status === undefined) {
    // No HTTP answer at all: a refused, reset or unresolvable connection.
    const errno = (error as NodeJS.ErrnoException).code;
    return new DeliveryError(
      `could not reach ${service} at ${String(request.endpoint)}: ${errno ? `${errno} ` : ''}(${aws.message})`,
      'retryable',
      { request },
    );
  }
  if (rules.queryProtocol && status < 300) {
    // A 2xx the SDK could not read: nothing says the message was refused.
    return new DeliveryError(
      `${service} sent an unreadable answer (HTTP ${status}): ${aws.message}`,
      'retryable',
      { responseCode: status, request },
    );
  }
  const code = rules.queryProtocol ? (aws.Code ?? aws.code ?? name) : name;
  const response = {
    status,
    code,
    message: aws.message,
    ...(aws.$metadata?.requestId ? { request_id: aws.$metadata.requestId } : {}),
  };
  const details = { responseCode: status, request, response };
  if (
    rules.throttling.has(name) ||
    rules.throttling.has(code) ||
    status === 429 ||
    status >= 500 ||
    aws.$fault === 'server'
  ) {
    const retryAfterMs = parseRetryAfter(aws.$response?.headers?.['retry-after']);
    return new DeliveryError(
      `${service} is unavailable (HTTP ${status}, ${code}): ${aws.message}`,
      'retryable',
      { ...details, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
    );
  }
  if (rules.credentials.has(name) || rules.credentials.has(code) || status === 401 || status === 403) {
    return new DeliveryError(
      `${service} refused the credentials (HTTP ${status}, ${code}): ${aws.message}`,
      'permanent',
      details,
    );
  }
  return new DeliveryError(
    `${service} ${rules.refused} (HTTP ${status}, ${code}): ${aws.message}`,
    'permanent',
    details,
  );
}
