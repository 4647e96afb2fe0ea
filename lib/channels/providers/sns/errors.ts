import { type AwsErrorRules, classifyAwsError } from '../../aws/errors';
import type { DeliveryError } from '../../types';

const SNS_ERRORS: AwsErrorRules = {
  service: 'SNS',
  // Throttling answers: SNS's own ThrottledException (429) and the generic AWS query-API codes (sent with 400).
  throttling: new Set([
    'ThrottledException',
    'Throttled',
    'Throttling',
    'ThrottlingException',
    'RequestLimitExceeded',
    'TooManyRequestsException',
    'KMSThrottlingException',
  ]),
  credentials: new Set([
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
  ]),
  refused: 'refused the request',
  queryProtocol: true,
};

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
  return classifyAwsError(error, request, timeoutMs, SNS_ERRORS);
}
