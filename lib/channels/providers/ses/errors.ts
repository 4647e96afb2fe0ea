import { parseRetryAfter } from '../../retry-after';
import { DeliveryError } from '../../types';

/** What the AWS SDK puts on a service exception (and, hidden, the raw response). */
interface AwsError extends Error {
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { statusCode?: number; headers?: Record<string, string> };
}

// Sending faster than the account's rate (TooManyRequests) or past a quota (LimitExceeded) passes with time.
const THROTTLING = new Set(['TooManyRequestsException', 'LimitExceededException', 'ThrottlingException']);
const CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignatureException',
  'MissingAuthenticationTokenException',
  'ExpiredTokenException',
  'AccessDeniedException',
]);

/**
 * SES v2 answers errors as JSON `{"message": …}` with the code in x-amzn-ErrorType, which the SDK turns into
 * exceptions named by the code. Throttling, 5xx and connection trouble are retried; refused credentials (403),
 * an unverified sender (MessageRejected), a paused account, an unknown template or configuration set fail for
 * good.
 */
export function classifySesError(
  error: unknown,
  request: Record<string, unknown>,
  timeoutMs: number,
): DeliveryError {
  if (error instanceof DeliveryError) {
    error.details.request ??= request;
    return error;
  }
  const aws = error as AwsError;
  const status = aws.$metadata?.httpStatusCode ?? aws.$response?.statusCode;
  const name = aws.name ?? '';
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new DeliveryError(`SES did not answer within ${timeoutMs} ms`, 'retryable', { request });
  }
  if (status === undefined) {
    // No HTTP answer at all: a refused, reset or unresolvable connection.
    const errno = (error as NodeJS.ErrnoException).code;
    return new DeliveryError(
      `could not reach SES at ${String(request.endpoint)}: ${errno ? `${errno} ` : ''}(${aws.message})`,
      'retryable',
      { request },
    );
  }
  const response = {
    status,
    code: name,
    message: aws.message,
    ...(aws.$metadata?.requestId ? { request_id: aws.$metadata.requestId } : {}),
  };
  const details = { responseCode: status, request, response };
  if (THROTTLING.has(name) || status === 429 || status >= 500 || aws.$fault === 'server') {
    const retryAfterMs = parseRetryAfter(aws.$response?.headers?.['retry-after']);
    return new DeliveryError(`SES is unavailable (HTTP ${status}, ${name}): ${aws.message}`, 'retryable', {
      ...details,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (CREDENTIALS.has(name) || status === 401 || status === 403) {
    return new DeliveryError(
      `SES refused the credentials (HTTP ${status}, ${name}): ${aws.message}`,
      'permanent',
      details,
    );
  }
  return new DeliveryError(
    `SES rejected the mail (HTTP ${status}, ${name}): ${aws.message}`,
    'permanent',
    details,
  );
}
