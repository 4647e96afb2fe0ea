import { parseRetryAfter } from '../outbound/retry-after';
import { DeliveryError } from './types';

/*
 * The one rule for what a failed provider call means for retrying. Every provider's errors.ts reads its SDK's
 * errors and adds only what its API says beyond HTTP (Slack's `ok: false` codes, SMTP replies, APNs reasons,
 * Vonage statuses, FCM's UNREGISTERED); the rest is decided here:
 *
 * - An error that is already a DeliveryError (from the guarded HTTP client, the SSRF guard's refusal, the
 *   attempt's own timeout) passes through unchanged, also when an SDK wrapped it.
 * - An HTTP answer: 408, 429 and 5xx pass with time (retryable, after Retry-After when the answer gave one);
 *   every other status fails for good: a 4xx is a refusal, and a 3xx is a redirect the guarded client did not
 *   follow, a configuration problem.
 * - No answer: a timeout or network trouble (refused, reset, unreachable, unresolvable) is retryable; a
 *   certificate TLS does not accept is permanent, since trying again cannot fix it.
 */

export type FailureKind = DeliveryError['kind'];

/** 408, 429 and 5xx are worth trying again; every other status is not. */
export function statusKind(status: number): FailureKind {
  return status === 408 || status === 429 || status >= 500 ? 'retryable' : 'permanent';
}

/**
 * The DeliveryError in `error` or in what it wraps (`cause`, the Slack SDK's `original`, VError's `jse_cause`),
 * with `request` added when it has none; undefined when there is none.
 */
export function alreadyClassified(
  error: unknown,
  request?: Record<string, unknown>,
): DeliveryError | undefined {
  const found = chain(error).find((link): link is DeliveryError => link instanceof DeliveryError);
  if (found && request) found.details.request ??= request;
  return found;
}

type Verdict = 'unavailable' | 'credentials' | 'refused';

const DEFAULT_WORDS: Record<Verdict, string> = {
  unavailable: 'is unavailable',
  credentials: 'refused the credentials',
  refused: 'refused the request',
};

export interface HttpFailure {
  /** Who answered, as messages name it: "SendGrid", "the Teams webhook". */
  provider: string;
  status: number;
  /** The provider's own words for the failure, shown after the status. */
  reason?: string;
  /** The provider's error code, shown with the status: "code 20003", "Throttling". */
  code?: string;
  /** The answer's Retry-After header, or a wait in ms read from elsewhere; counts only when retryable. */
  retryAfter?: string | string[] | number | null;
  /** The provider said "slow down" whatever the status (a throttling code): retryable, and a rate limit. */
  rateLimited?: boolean;
  /** The provider named the credentials as the problem whatever the status (changes the wording only). */
  credentials?: boolean;
  /** How the provider words the outcomes in "<provider> <words> (HTTP <status>): <reason>". */
  words?: Partial<Record<Verdict, string>>;
  /** The whole message instead, for providers whose messages read differently. */
  message?: string | ((kind: FailureKind) => string);
  request?: Record<string, unknown>;
  response?: Record<string, unknown>;
}

/** A provider's HTTP error answer as a DeliveryError: the kind by `statusKind`, unless the provider throttled. */
export function classifyHttpFailure(failure: HttpFailure): DeliveryError {
  const { status, request, response } = failure;
  const kind = failure.rateLimited ? 'retryable' : statusKind(status);
  const retryAfterMs = kind === 'retryable' ? waitOf(failure.retryAfter) : undefined;
  return new DeliveryError(httpMessage(failure, kind), kind, {
    responseCode: status,
    ...(request ? { request } : {}),
    ...(response ? { response } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(failure.rateLimited ? { rateLimited: true } : {}),
  });
}

function httpMessage(failure: HttpFailure, kind: FailureKind): string {
  const { message } = failure;
  if (typeof message === 'string') return message;
  if (message) return message(kind);
  const verdict: Verdict =
    kind === 'retryable'
      ? 'unavailable'
      : failure.credentials || failure.status === 401 || failure.status === 403
        ? 'credentials'
        : 'refused';
  const words = failure.words?.[verdict] ?? DEFAULT_WORDS[verdict];
  const code = failure.code ? `, ${failure.code}` : '';
  return `${failure.provider} ${words} (HTTP ${failure.status}${code})${failure.reason ? `: ${failure.reason}` : ''}`;
}

function waitOf(retryAfter: HttpFailure['retryAfter']): number | undefined {
  return typeof retryAfter === 'number' ? retryAfter : parseRetryAfter(retryAfter);
}

export interface CallContext {
  /** Who was called, as messages name it: "SendGrid", "the push service". */
  provider: string;
  /** The call's time budget, for "did not answer within N ms". */
  timeoutMs: number;
  /** The attempt's signal: aborted for another reason than a timeout, the call was cancelled, not slow. */
  signal?: AbortSignal;
  /** Where the call went, for "could not reach <provider> at <endpoint>". */
  endpoint?: string;
  request?: Record<string, unknown>;
}

// Names and codes of a call that ran out of time: fetch and node-fetch (AbortError, TimeoutError), axios
// (ECONNABORTED on its timeout, ERR_CANCELED on the signal), sockets (ETIMEDOUT), undici's own timeouts.
const TIMEOUT_NAMES = new Set(['AbortError', 'TimeoutError']);
const TIMEOUT_CODES = new Set([
  'ECONNABORTED',
  'ERR_CANCELED',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
// The connection could not be made or broke: the provider may well be back in a minute.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const CERTIFICATE_PROBLEM =
  /certificate|self[- ]signed|altnames|unable to verify|wrong version number|tlsv1[.\d]* alert/i;

/**
 * What a call that got no HTTP answer failed with: a DeliveryError passes through; a timeout or abort is
 * retryable ("did not answer within N ms"); a certificate problem is permanent ("TLS with … failed"); network
 * trouble is retryable ("could not reach"). Undefined when it is none of these: the provider decides (an SDK's
 * refusal of its own input is usually permanent).
 */
export function classifyNetworkFailure(error: unknown, context: CallContext): DeliveryError | undefined {
  const classified = alreadyClassified(error, context.request);
  if (classified) return classified;
  const details = context.request ? { request: context.request } : {};
  const links = chain(error);
  if (links.some(isTimeout)) {
    const { signal } = context;
    const cancelled = signal?.aborted && (signal.reason as Error | undefined)?.name !== 'TimeoutError';
    return new DeliveryError(
      cancelled
        ? `the call to ${context.provider} was aborted`
        : `${context.provider} did not answer within ${context.timeoutMs} ms`,
      'retryable',
      details,
    );
  }
  const tls = links.find(isCertificateProblem);
  if (tls)
    return new DeliveryError(`TLS with ${context.provider} failed: ${tls.message}`, 'permanent', details);
  const network = links.find((link) => networkCode(link) !== undefined);
  if (network) {
    const at = context.endpoint ? ` at ${context.endpoint}` : '';
    return new DeliveryError(
      `could not reach ${context.provider}${at}: ${networkCode(network)} (${network.message})`,
      'retryable',
      details,
    );
  }
  return undefined;
}

/** The code of a connection that failed (refused, reset, unreachable, a socket hang-up), if `error` is one. */
export function networkCode(error: unknown): string | undefined {
  const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
  if (code && NETWORK_CODES.has(code)) return code;
  return message === 'socket hang up' ? 'ECONNRESET' : undefined;
}

/** Whether TLS refused the peer's certificate (or the peer does not speak TLS): configuration, not bad luck. */
export function isCertificateProblem(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (typeof message === 'string' && CERTIFICATE_PROBLEM.test(message)) ||
    (typeof code === 'string' && (code.startsWith('ERR_TLS_') || code.includes('CERT')))
  );
}

function isTimeout(error: Error): boolean {
  const { code } = error as NodeJS.ErrnoException;
  return TIMEOUT_NAMES.has(error.name) || (code !== undefined && TIMEOUT_CODES.has(code));
}

/** `error` and what it wraps, outermost first. */
function chain(error: unknown): Error[] {
  const links: Error[] = [];
  let current: unknown = error;
  while (current instanceof Error && links.length < 10) {
    links.push(current);
    const wrapped = current as { cause?: unknown; original?: unknown; jse_cause?: unknown };
    const next = wrapped.jse_cause ?? wrapped.original ?? wrapped.cause;
    current = typeof next === 'function' ? (next as () => unknown).call(current) : next;
  }
  return links;
}
