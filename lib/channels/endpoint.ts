import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import {
  type AllowList,
  assertLiteralAllowed,
  defaultAllowList,
  guardedLookup,
  isHostAllowListed,
  OutboundRefusedError,
  refusalReason,
  stripBrackets,
} from './ssrf';
import { DeliveryError } from './types';

/**
 * For official SDKs that open their own connections. Prefer `guardedAgents()` where the SDK accepts an
 * http(s) agent (the address connected to is the one checked); otherwise call `assertEndpointAllowed()` on
 * the configured base URL right before the SDK call.
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
    addresses = await dns.lookup(host, { all: true });
  } catch (error) {
    throw new DeliveryError(`cannot resolve ${host}: ${(error as Error).message}`, 'retryable');
  }
  for (const { address } of addresses) {
    const reason = refusalReason(address, allowList);
    if (reason) throw new OutboundRefusedError(address, reason, host);
  }
}

const agents = new WeakMap<AllowList, { http: http.Agent; https: https.Agent }>();

/** Keep-alive agents whose every connection resolves through the SSRF guard. */
export function guardedAgents(allowList: AllowList = defaultAllowList()): {
  http: http.Agent;
  https: https.Agent;
} {
  let found = agents.get(allowList);
  if (!found) {
    const lookup = guardedLookup(allowList);
    found = {
      http: new http.Agent({ keepAlive: true, lookup }),
      https: new https.Agent({ keepAlive: true, lookup }),
    };
    agents.set(allowList, found);
  }
  return found;
}
