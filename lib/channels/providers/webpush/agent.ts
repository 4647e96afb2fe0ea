import { createHash } from 'node:crypto';
import https from 'node:https';
import tls from 'node:tls';
import { type AllowList, defaultAllowList, guardedLookup } from '../../ssrf';

/**
 * https agents for web-push (which takes an `https.Agent`): every address a push service's name resolves to goes
 * through the SSRF guard. An extra CA is added to Node's roots, not put in their place, because one channel sends
 * to every browser's push service.
 */
const agents = new WeakMap<AllowList, Map<string, https.Agent>>();

export function pushAgent(allowList: AllowList = defaultAllowList(), ca?: string): https.Agent {
  let byCa = agents.get(allowList);
  if (!byCa) {
    byCa = new Map();
    agents.set(allowList, byCa);
  }
  const key = ca ? createHash('sha256').update(ca).digest('hex') : '';
  let agent = byCa.get(key);
  if (!agent) {
    agent = new https.Agent({
      keepAlive: true,
      lookup: guardedLookup(allowList),
      ...(ca ? { ca: [...tls.rootCertificates, ca] } : {}),
    });
    byCa.set(key, agent);
  }
  return agent;
}
