import { type AwsErrorRules, classifyAwsError } from '../../aws/errors';
import type { DeliveryError } from '../../types';

const SES_ERRORS: AwsErrorRules = {
  service: 'SES',
  // Past the account's sending rate or daily quota SES answers 400 Throttling ("Maximum sending rate exceeded.",
  // "Daily message quota exceeded."): both pass with time.
  throttling: new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException']),
  credentials: new Set([
    'InvalidClientTokenId',
    'SignatureDoesNotMatch',
    'IncompleteSignature',
    'MissingAuthenticationToken',
    'ExpiredToken',
    'UnrecognizedClientException',
    'InvalidSignatureException',
    'AccessDenied',
    'AccessDeniedException',
  ]),
  refused: 'rejected the mail',
  queryProtocol: true,
};

/**
 * SES's v1 (query) API answers errors in XML (`<ErrorResponse><Error><Code>…<Message>…`), which the SDK turns into
 * exceptions carrying the code. Throttling, 5xx and connection trouble are retried; refused credentials (403),
 * an unverified sender (MessageRejected), a paused account (AccountSendingPausedException), an unknown template
 * (TemplateDoesNotExist) or configuration set (ConfigurationSetDoesNotExist) fail for good.
 */
export function classifySesError(
  error: unknown,
  request: Record<string, unknown>,
  timeoutMs: number,
): DeliveryError {
  return classifyAwsError(error, request, timeoutMs, SES_ERRORS);
}
