import type { OutboundResponse } from '../../outbound-http';
import { parseRetryAfter } from '../../retry-after';
import { DeliveryError } from '../../types';
import type { FcmTarget } from './message';

const SNIPPET_CHARS = 500;
const FCM_ERROR_TYPE = 'type.googleapis.com/google.firebase.fcm.v1.FcmError';

/** What an FCM error answer says: Google's error shape `{error: {code, message, status, details}}`. */
export interface FcmFailure {
  httpStatus: number;
  /** The FcmError code (UNREGISTERED, SENDER_ID_MISMATCH, QUOTA_EXCEEDED…), else the Google status. */
  errorCode: string;
  message: string;
}

export function readFailure(response: OutboundResponse): FcmFailure {
  const error = parseJson(response.body)?.error as Record<string, unknown> | undefined;
  const details = Array.isArray(error?.details) ? (error.details as Record<string, unknown>[]) : [];
  const fcmCode = details.find((detail) => detail['@type'] === FCM_ERROR_TYPE)?.errorCode;
  return {
    httpStatus: response.status,
    errorCode: String(fcmCode ?? error?.status ?? `HTTP_${response.status}`),
    message: typeof error?.message === 'string' ? error.message : response.body.slice(0, SNIPPET_CHARS),
  };
}

/** Refusals of the credentials themselves (not APNs/Web Push credentials of the app: THIRD_PARTY_AUTH_ERROR). */
export function isUnauthenticated(failure: FcmFailure): boolean {
  return failure.httpStatus === 401 && failure.errorCode === 'UNAUTHENTICATED';
}

/**
 * UNREGISTERED (404) and an INVALID_ARGUMENT that is about the registration token (400) mean the token will never
 * work again: permanent, with the token in the error and the response so that it can be pruned. 429 and 5xx are
 * retried, honouring Retry-After as FCM asks; every other refusal is permanent.
 */
export function classifyFailure(
  failure: FcmFailure,
  response: OutboundResponse,
  target: FcmTarget,
  request: Record<string, unknown>,
): DeliveryError {
  const { httpStatus, errorCode, message } = failure;
  const summary = { status: httpStatus, error_code: errorCode, message: message.slice(0, SNIPPET_CHARS) };
  const details = { responseCode: httpStatus, request, response: summary };
  if ('token' in target && isDeadToken(failure)) {
    return new DeliveryError(
      `token unregistered: FCM refused registration token ${target.token} (${errorCode}: ${message})`,
      'permanent',
      { ...details, response: { ...summary, unregistered_token: target.token } },
    );
  }
  const text = `FCM answered HTTP ${httpStatus} ${errorCode}: ${message}`;
  if (httpStatus === 429 || httpStatus >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
    return new DeliveryError(text, 'retryable', {
      ...details,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  return new DeliveryError(text, 'permanent', details);
}

function isDeadToken({ errorCode, message }: FcmFailure): boolean {
  if (errorCode === 'UNREGISTERED') return true;
  // INVALID_ARGUMENT also covers a malformed payload; only a complaint about the token condemns the token.
  return errorCode === 'INVALID_ARGUMENT' && /registration token/i.test(message);
}

export function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
