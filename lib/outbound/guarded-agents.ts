import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { buildConnector, Agent as UndiciAgent } from 'undici';
import {
  type AllowList,
  assertLiteralAllowed,
  defaultAllowList,
  guardedLookup,
  OutboundRefusedError,
} from './ssrf';

// Connection-level SSRF guard for SDKs: node agents (axios, the AWS SDK, web-push) and an undici dispatcher
// (fetch-based SDKs). http-client.ts builds its own requests on the same agents.

/**
 * Keep-alive agents per allow-list: a pooled socket was checked when it connected, under the same list.
 * `createConnection` refuses literal addresses (the lookup is skipped for them) and adds the guarded lookup.
 * SDKs that take node agents (axios `httpAgent`/`httpsAgent`, the AWS SDK's request handler) get these too.
 */
const agents = new WeakMap<AllowList, { http: http.Agent; https: https.Agent }>();

export function guardedAgents(allowList: AllowList = defaultAllowList()): {
  http: http.Agent;
  https: https.Agent;
} {
  let pair = agents.get(allowList);
  if (!pair) {
    pair = {
      http: guardAgent(new http.Agent({ keepAlive: true }), allowList),
      https: guardAgent(new https.Agent({ keepAlive: true }), allowList),
    };
    agents.set(allowList, pair);
  }
  return pair;
}

/** Makes every connection `agent` opens pass the guard: literal hosts before connecting, names at lookup. */
export function guardAgent<A extends http.Agent>(agent: A, allowList: AllowList): A {
  const create = agent.createConnection.bind(agent);
  const lookup = guardedLookup(allowList);
  agent.createConnection = (options, callback) => {
    try {
      assertLiteralAllowed(options.host ?? '', allowList);
    } catch (error) {
      callback?.(error as Error, undefined as unknown as Duplex);
      return undefined;
    }
    return create({ ...options, lookup } as http.ClientRequestArgs, callback);
  };
  return agent;
}

/**
 * undici dispatchers per allow-list, for SDKs that fetch (Slack's custom `fetch`, Discord's `makeRequest`,
 * Vonage): every connection, redirect hops included (fetch follows them on the same dispatcher), has its literal
 * host checked and its name resolved through the guarded lookup.
 */
const dispatchers = new WeakMap<AllowList, UndiciAgent>();

export function guardedDispatcher(allowList: AllowList = defaultAllowList()): UndiciAgent {
  let dispatcher = dispatchers.get(allowList);
  if (!dispatcher) {
    const connect = buildConnector({ lookup: guardedLookup(allowList) } as buildConnector.BuildOptions);
    dispatcher = new UndiciAgent({
      connect: (options, callback) => {
        try {
          assertLiteralAllowed(options.hostname, allowList);
        } catch (error) {
          return callback(error as Error, null);
        }
        return connect(options, callback);
      },
    });
    dispatchers.set(allowList, dispatcher);
  }
  return dispatcher;
}

/**
 * `fetch` on the guarded dispatcher. A refusal rejects as the OutboundRefusedError itself (permanent, naming
 * the address) rather than fetch's generic "fetch failed".
 */
export function guardedFetch(allowList: AllowList = defaultAllowList()): typeof fetch {
  const dispatcher = guardedDispatcher(allowList);
  return async (input, init) => {
    try {
      return await fetch(input, { ...init, dispatcher } as RequestInit);
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof OutboundRefusedError) throw cause;
      throw error;
    }
  };
}
