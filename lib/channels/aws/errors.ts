import { alreadyClassified, classifyHttpFailure, classifyNetworkFailure } from '../classify-failure';
import { DeliveryError } from '../types';

/** What the AWS SDK puts on a service exception (and, hidden, the raw response). */
interface AwsError extends Error {
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
 * code. The shared rule (classify-failure.ts) decides: timeouts, connection trouble and 5xx are retried (after
 * Retry-After, when given); so is throttling, whatever its status, as a rate limit; refused credentials (401/403,
 * or a credentials code) and every other refusal fail for good.
 */
export function classifyAwsError(
  error: unknown,
  request: Record<string, unknown>,
  timeoutMs: number,
  rules: AwsErrorRules,
): DeliveryError {
  const classified = alreadyClassified(error, request);
  if (classified) return classified;
  const { service } = rules;
  const aws = error as AwsError;
  const status = aws.$metadata?.httpStatusCode ?? aws.$response?.statusCode;
  const name = aws.name ?? '';
  if (status === undefined || name === 'AbortError' || name === 'TimeoutError') {
    // No HTTP answer at all: a timeout, or a refused, reset or unresolvable connection.
    const endpoint = String(request.endpoint);
    const errno = (error as NodeJS.ErrnoException).code;
    return (
      classifyNetworkFailure(error, { provider: service, timeoutMs, endpoint, request }) ??
      new DeliveryError(
        `could not reach ${service} at ${endpoint}: ${errno ? `${errno} ` : ''}(${aws.message})`,
        'retryable',
        { request },
      )
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
  return classifyHttpFailure({
    provider: service,
    status,
    code,
    reason: aws.message,
    retryAfter: aws.$response?.headers?.['retry-after'],
    // A throttling code is the service's "slow down" even when it comes with a 400 (query APIs such as SES v1 and
    // SNS answer Throttling that way): a rate limit, which holds the channel and spends no attempt.
    rateLimited: rules.throttling.has(name) || rules.throttling.has(code),
    credentials: rules.credentials.has(name) || rules.credentials.has(code),
    words: { refused: rules.refused },
    request,
    response: {
      status,
      code,
      message: aws.message,
      ...(aws.$metadata?.requestId ? { request_id: aws.$metadata.requestId } : {}),
    },
  });
}
