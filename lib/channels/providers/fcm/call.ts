import { AsyncLocalStorage } from 'node:async_hooks';
import type http from 'node:http';
import { DeliveryError, type SendContext } from '../../types';

/**
 * One FCM call (a send or a check) and its time budget. firebase-admin takes neither a timeout nor a signal (its
 * own timeout is 15 s, and it retries 503s and socket timeouts by itself), so the budget is enforced on the
 * channel's agent: every request made while the call runs — the OAuth token exchange and the FCM request alike,
 * and any retry the SDK schedules — is tied to the call through AsyncLocalStorage and destroyed when the budget
 * runs out. The call then fails at once; nothing it started reaches the network afterwards.
 */
export interface FcmCall {
  signal: AbortSignal;
  /** The first refusal of the SSRF guard (or another DeliveryError) a request of this call failed with. */
  refused?: DeliveryError;
  /** The proxy's answer to CONNECT, when it was not 200. */
  proxyRefusal?: { status: number; statusText: string; target: string };
  /** A TLS session that failed (certificate not trusted, wrong name): configuration, not chance. */
  tlsFailure?: { host: string; message: string };
}

const CERTIFICATE_PROBLEM = /certificate|self[- ]signed|altnames|unable to verify|wrong version number/i;

const calls = new AsyncLocalStorage<FcmCall>();

/** Runs `work` as one call; rejects with a retryable timeout once the budget or the caller's signal ends. */
export async function withinBudget<T>(
  ctx: SendContext,
  timeoutMs: number,
  work: (call: FcmCall) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const call: FcmCall = { signal: controller.signal };
  let reason: DeliveryError | undefined;
  const stop = (error: DeliveryError) => {
    reason ??= error;
    controller.abort(reason);
  };
  const timer = setTimeout(
    () => stop(new DeliveryError(`FCM did not answer within ${timeoutMs} ms`, 'retryable')),
    timeoutMs,
  );
  const onAbort = () =>
    stop(new DeliveryError("FCM call aborted: the attempt's time budget ran out", 'retryable'));
  if (ctx.signal.aborted) onAbort();
  else ctx.signal.addEventListener('abort', onAbort, { once: true });
  const stopped = new Promise<never>((_, reject) => {
    if (reason) reject(reason);
    else controller.signal.addEventListener('abort', () => reject(reason), { once: true });
  });
  const running = calls.run(call, () => work(call));
  try {
    return await Promise.race([running, stopped]);
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onAbort);
    // Whichever lost the race settles unobserved.
    running.catch(() => {});
    stopped.catch(() => {});
  }
}

const CANCELLED = 'ERR_FCM_CALL_CANCELLED';

/**
 * Ties every request `agent` carries to the call it is made in (see above), and notes on the call what the
 * request failed with: the SDKs rebuild network errors into their own, losing the guard's refusal and the
 * proxy's answer. `addRequest` is where node's http client hands each request to its agent (agent-base, under
 * https-proxy-agent, builds on it as well). `proxyHost` names the proxy of a proxy agent: a TLS failure before the
 * tunnel stood was with the proxy itself.
 */
export function bindToCalls<A extends http.Agent>(agent: A, proxyHost?: string): A {
  const internal = agent as unknown as {
    addRequest(req: http.ClientRequest, options: unknown): void;
  };
  const addRequest = internal.addRequest.bind(agent);
  internal.addRequest = (req, options) => {
    const call = calls.getStore();
    if (call) {
      const cancel = () =>
        req.destroy(
          Object.assign(new Error('FCM call cancelled: its time budget ran out'), { code: CANCELLED }),
        );
      if (call.signal.aborted) {
        cancel();
        return;
      }
      call.signal.addEventListener('abort', cancel, { once: true });
      req.once('close', () => call.signal.removeEventListener('abort', cancel));
      let tunnelled = false;
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error instanceof DeliveryError) call.refused ??= error;
        else if (error.code?.startsWith('ERR_TLS') || CERTIFICATE_PROBLEM.test(error.message)) {
          const host = proxyHost && !tunnelled ? `the proxy ${proxyHost}` : req.host;
          call.tlsFailure ??= { host, message: error.message };
        }
      });
      // https-proxy-agent's report of the proxy's answer to CONNECT.
      req.once('proxyConnect', (connect: { statusCode: number; statusText: string }) => {
        tunnelled = true;
        if (connect.statusCode === 200) return;
        call.proxyRefusal ??= {
          status: connect.statusCode,
          statusText: connect.statusText,
          target: req.host,
        };
      });
    }
    addRequest(req, options);
  };
  return agent;
}
