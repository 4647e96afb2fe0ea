import { guardedConnect } from '../../../outbound/ssrf';
import type { CheckResult, SendContext } from '../../types';
import type { WebhookConfig } from './config';

/**
 * Resolves the host, applies the SSRF guard and opens a TCP (and for https a verified TLS) connection, then
 * hangs up: proves the receiver is reachable without sending it anything it would have to process.
 */
export async function checkWebhook(config: WebhookConfig, ctx: SendContext): Promise<CheckResult> {
  const url = new URL(config.url);
  const secure = url.protocol === 'https:';
  const port = Number(url.port || (secure ? 443 : 80));
  try {
    const socket = await guardedConnect({
      host: url.hostname,
      port,
      tls: secure,
      allowList: ctx.allowList,
      signal: ctx.signal,
      timeoutMs: Math.min(config.timeout_seconds * 1000, ctx.timeoutMs),
    });
    const address = socket.remoteAddress;
    socket.destroy();
    return {
      ok: true,
      detail: `connected to ${url.host} (${address})${secure ? ' with a valid TLS certificate' : ''}; nothing was sent`,
    };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}
