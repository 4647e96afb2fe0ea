import { parseRetryAfter } from '../../retry-after';
import { DeliveryError } from '../../types';

/** What the AWS SDK puts on a service exception (and, hidden, the raw response). */
interface AwsError extends Error {
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { statusCode?: number; headers?: Record<string, string> };
  Code?: string;
  code?: string;
}

// Throttling answers: SNS's own ThrottledException (429) and the generic AWS query-API codes (sent with 400).
const THROTTLING = new Set([
  'ThrottledException',
  'Throttled',
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'KMSThrottlingException',
]);
const CREDENTIALS = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'MissingAuthenticationToken',
  'IncompleteSignature',
  'ExpiredToken',
  'UnrecognizedClientException',
  'AuthorizationErrorException',
  'AuthorizationError',
  'AccessDenied',
  'AccessDeniedException',
]);

/**
 * SNS answers errors in XML (`<Error><Code>…<Message>…`), which the SDK turns into exceptions named by the code:
 * throttling, 5xx and connection trouble are retried; bad or unauthorised credentials (403), invalid parameters
 * such as a number SNS will not text (InvalidParameter), and opted-out recipients (OptedOut) fail for good.
 */
export function classifySnsError(
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
    return new DeliveryError(`SNS did not answer within ${timeoutMs} ms`, 'retryable', { request });
  }
  if (status === undefined) {
    // No HTTP answer at all: a refused, reset or unresolvable connection.
    const errno = (error as NodeJS.ErrnoException).code;
    return new DeliveryError(
      `could not reach SNS at ${String(request.endpoint)}: ${errno ? `${errno} ` : ''}(${aws.message})`,
      'retryable',
      { request },
    );
  }
  if (status < 300) {
    // A 2xx the SDK could not read: nothing says the message was refused.
    return new DeliveryError(`SNS sent an unreadable answer (HTTP ${status}): ${aws.message}`, 'retryable', {
      responseCode: status,
      request,
    });
  }
  const code = aws.Code ?? aws.code ?? name;
  const response = {
    status,
    code,
    message: aws.message,
    ...(aws.$metadata?.requestId ? { request_id: aws.$metadata.requestId } : {}),
  };
  const details = { responseCode: status, request, response };
  if (
    THROTTLING.has(name) ||
    THROTTLING.has(code) ||
    status === 429 ||
    status >= 500 ||
    aws.$fault === 'server'
  ) {
    const retryAfterMs = parseRetryAfter(aws.$response?.headers?.['retry-after']);
    return new DeliveryError(`SNS is unavailable (HTTP ${status}, ${code}): ${aws.message}`, 'retryable', {
      ...details,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (CREDENTIALS.has(name) || CREDENTIALS.has(code) || status === 401 || status === 403) {
    return new DeliveryError(
      `SNS refused the credentials (HTTP ${status}, ${code}): ${aws.message}`,
      'permanent',
      details,
    );
  }
  return new DeliveryError(
    `SNS refused the request (HTTP ${status}, ${code}): ${aws.message}`,
    'permanent',
    details,
  );
}
