import net from 'node:net';
import { DeliveryError } from '../errors';
import {
  type AllowList,
  assertLiteralAllowed,
  defaultAllowList,
  isHostAllowListed,
  OutboundRefusedError,
  refusalReason,
  resolveOutbound,
  stripBrackets,
} from './ssrf';

/**
 * For official SDKs that open their own connections. Every SDK's connections must go through the guard itself:
 * `guardedAgents()` where it takes node http(s) agents, `guardedFetch()`/`guardedDispatcher()` where it fetches
 * (guarded-agents.ts), `guardedLookup()` (ssrf.ts) where it takes socket options. `assertEndpointAllowed()` on the configured
 * base URL before the call only fails fast with a clear message: a check before the SDK resolves the name again
 * would leave a DNS-rebinding window and would not see redirects, so it is never the only guard.
 */
export async function assertEndpointAllowed(
  url: string,
  allowList: AllowList = defaultAllowList(),
): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DeliveryError(`endpoint "${url}" is not a valid URL`, 'permanent');
  }
  const host = stripBrackets(parsed.hostname);
  assertLiteralAllowed(host, allowList);
  if (net.isIP(host) || isHostAllowListed(host, allowList)) return;
  let addresses: { address: string }[];
  try {
    addresses = await resolveOutbound(host);
  } catch (error) {
    throw new DeliveryError(`cannot resolve ${host}: ${(error as Error).message}`, 'retryable');
  }
  for (const { address } of addresses) {
    const reason = refusalReason(address, allowList);
    if (reason) throw new OutboundRefusedError(address, reason, host);
  }
}
