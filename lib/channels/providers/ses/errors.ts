import { type AwsErrorRules, classifyAwsError } from '../../aws/errors';
import type { DeliveryError } from '../../types';

const SES_ERRORS: AwsErrorRules = {
  service: 'SES',
  // Sending faster than the account's rate (TooManyRequests) or past a quota (LimitExceeded) passes with time.
  throttling: new Set(['TooManyRequestsException', 'LimitExceededException', 'ThrottlingException']),
  credentials: new Set([
    'UnrecognizedClientException',
    'InvalidSignatureException',
    'SignatureDoesNotMatch',
    'IncompleteSignatureException',
    'MissingAuthenticationTokenException',
    'ExpiredTokenException',
    'AccessDeniedException',
  ]),
  refused: 'rejected the mail',
};

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
  return classifyAwsError(error, request, timeoutMs, SES_ERRORS);
}
