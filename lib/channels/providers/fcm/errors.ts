import type { FirebaseError } from 'firebase-admin/app';
import { snippet } from '../../../outbound/snippet';
import { alreadyClassified, classifyHttpFailure } from '../../classify-failure';
import { DeliveryError } from '../../types';
import type { FcmCall } from './call';
import type { FcmTarget } from './message';

const FCM_ERROR_TYPE = 'type.googleapis.com/google.firebase.fcm.v1.FcmError';

/**
 * What FCM answered, from the FirebaseMessagingError's `httpResponse`: Google's error shape
 * `{error: {code, message, status, details}}`. The SDK's own codes blur what matters here: it files
 * UNAUTHENTICATED (a bad access token) with THIRD_PARTY_AUTH_ERROR (the app's APNs/Web Push credentials), and a
 * bare NOT_FOUND (a project that does not exist) with UNREGISTERED as messaging/registration-token-not-registered,
 * which would prune good tokens; so the status and the FcmError code are read from the answer itself.
 */
export interface FcmFailure {
  httpStatus: number;
  /** The FcmError code (UNREGISTERED, SENDER_ID_MISMATCH, QUOTA_EXCEEDED…), else the Google status. */
  errorCode: string;
  message: string;
  retryAfter?: string | string[];
}

export function readFailure(error: unknown): FcmFailure | undefined {
  const response = (error as FirebaseError | undefined)?.httpResponse;
  if (!response || typeof response.status !== 'number') return undefined;
  const data = typeof response.data === 'object' ? (response.data as Record<string, unknown>) : undefined;
  const body = data?.error as Record<string, unknown> | undefined;
  const details = Array.isArray(body?.details) ? (body.details as Record<string, unknown>[]) : [];
  const fcmCode = details.find((detail) => detail['@type'] === FCM_ERROR_TYPE)?.errorCode;
  const text = typeof response.data === 'string' ? response.data : JSON.stringify(response.data ?? '');
  return {
    httpStatus: response.status,
    errorCode: String(fcmCode ?? body?.status ?? `HTTP_${response.status}`),
    message: typeof body?.message === 'string' ? body.message : snippet(text),
    retryAfter: response.headers?.['retry-after'],
  };
}

/** Refusals of the access token itself (not of the app's APNs/Web Push credentials: THIRD_PARTY_AUTH_ERROR). */
export function isUnauthenticated(failure: FcmFailure | undefined): boolean {
  return failure?.httpStatus === 401 && failure.errorCode === 'UNAUTHENTICATED';
}

/**
 * Every way a call through firebase-admin fails, as a DeliveryError:
 * - what the call's own requests failed with first: the SSRF guard's refusal (permanent), the proxy's refusal
 *   of a tunnel (5xx retried, 403/407 permanent), a certificate not trusted (permanent);
 * - FCM's answer (FirebaseMessagingError with `httpResponse`): UNREGISTERED, or an INVALID_ARGUMENT about the
 *   registration token, means the token will never work again (permanent, the token named so it can be pruned);
 *   the rest by the shared rule (classify-failure.ts): 429 and 5xx are retried, honouring Retry-After as FCM
 *   asks; every other refusal is permanent;
 * - a message the SDK refused before sending (invalid payload): permanent;
 * - the OAuth token exchange (app/invalid-credential, the token endpoint's answer in its cause): 429 and 5xx
 *   retried, every other refusal (invalid_grant: a revoked or deleted key) permanent;
 * - anything else (network errors, a 200 without a message name): retryable.
 */
export function classifyFailure(
  error: unknown,
  call: FcmCall,
  target: FcmTarget,
  proxyUrl: string | undefined,
): DeliveryError {
  const classified = alreadyClassified(error);
  if (classified) return classified;
  if (call.refused) return call.refused;
  if (call.proxyRefusal) return proxyRefused(call.proxyRefusal, proxyUrl);
  if (call.tlsFailure) {
    const { host, message } = call.tlsFailure;
    const hint = proxyUrl ? ' (a proxy that inspects TLS needs its CA as the proxy CA)' : '';
    return new DeliveryError(`TLS with ${host} failed: ${message}${hint}`, 'permanent');
  }
  const firebase = error as FirebaseError;
  const failure = readFailure(error);
  if (failure && failure.httpStatus >= 300) return answered(failure, target);
  if (failure) {
    return new DeliveryError(`FCM answered HTTP ${failure.httpStatus} without a message name`, 'retryable', {
      responseCode: failure.httpStatus,
    });
  }
  if (firebase?.hasCode?.('messaging/invalid-payload') || firebase?.hasCode?.('messaging/invalid-argument')) {
    return new DeliveryError(`FCM message refused before sending: ${firebase.message}`, 'permanent');
  }
  if (firebase?.hasCode?.('app/invalid-credential')) return tokenExchangeFailed(firebase);
  const reason = (error as Error)?.message ?? String(error);
  return new DeliveryError(`could not reach FCM: ${reason}`, 'retryable');
}

function answered(failure: FcmFailure, target: FcmTarget): DeliveryError {
  const { httpStatus, errorCode, message } = failure;
  const response = { status: httpStatus, error_code: errorCode, message: snippet(message) };
  const details = { responseCode: httpStatus, response };
  if ('token' in target && isDeadToken(failure)) {
    return new DeliveryError(
      `token unregistered: FCM refused registration token ${target.token} (${errorCode}: ${message})`,
      'permanent',
      { ...details, response: { ...response, unregistered_token: target.token } },
    );
  }
  return classifyHttpFailure({
    provider: 'FCM',
    status: httpStatus,
    message: `FCM answered HTTP ${httpStatus} ${errorCode}: ${message}`,
    retryAfter: failure.retryAfter,
    response,
  });
}

function isDeadToken({ errorCode, message }: FcmFailure): boolean {
  if (errorCode === 'UNREGISTERED') return true;
  // INVALID_ARGUMENT also covers a malformed payload; only a complaint about the token condemns the token.
  return errorCode === 'INVALID_ARGUMENT' && /registration token/i.test(message);
}

/** The token endpoint's answer, which google-auth-library (gaxios) keeps as the cause's `response`. */
interface TokenEndpointError {
  response?: { status?: number; data?: unknown; headers?: Headers | Record<string, string> };
  message?: string;
}

function tokenExchangeFailed(error: FirebaseError): DeliveryError {
  const cause = (error as { cause?: TokenEndpointError }).cause;
  const status = cause?.response?.status;
  if (typeof status !== 'number') {
    return new DeliveryError(
      `FCM OAuth token exchange failed: ${cause?.message ?? error.message}`,
      'retryable',
    );
  }
  // OAuth errors are {"error": "invalid_grant", "error_description": "Invalid JWT Signature."} (RFC 6749 §5.2).
  const body = cause?.response?.data as Record<string, unknown> | undefined;
  const reason = [body?.error, body?.error_description].filter((part) => typeof part === 'string').join(': ');
  return classifyHttpFailure({
    provider: 'the FCM token endpoint',
    status,
    message: `FCM OAuth token exchange answered HTTP ${status}${reason ? ` (${reason})` : ''}`,
    retryAfter: header(cause, 'retry-after'),
    response: { status, error: reason },
  });
}

function proxyRefused(
  refusal: NonNullable<FcmCall['proxyRefusal']>,
  proxyUrl: string | undefined,
): DeliveryError {
  const answer = `HTTP ${refusal.status}${refusal.statusText ? ` ${refusal.statusText}` : ''}`;
  const proxy = proxyUrl && URL.canParse(proxyUrl) ? `proxy ${new URL(proxyUrl).origin}` : 'the proxy';
  // 502/503/504: the proxy could not reach Google (or is overloaded) for now; 403/407: its policy or credentials.
  return classifyHttpFailure({
    provider: proxy,
    status: refusal.status,
    message: `${proxy} refused a tunnel to ${refusal.target}: ${answer}`,
    response: { proxy_status: refusal.status },
  });
}

function header(cause: TokenEndpointError | undefined, name: string): string | undefined {
  const headers = cause?.response?.headers;
  if (!headers) return undefined;
  return headers instanceof Headers ? (headers.get(name) ?? undefined) : headers[name];
}
