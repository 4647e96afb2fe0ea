import { createHash } from 'node:crypto';
import https from 'node:https';
import tls from 'node:tls';
import { guardAgent } from '../../../outbound/guarded-agents';
import { type AllowList, defaultAllowList } from '../../../outbound/ssrf';

/**
 * https agents for web-push (which takes an `https.Agent`): the subscription's endpoint comes from the recipient,
 * so every connection passes the SSRF guard (a literal address before connecting, every address a name resolves
 * to at lookup); web-push follows no redirects. An extra CA is added to Node's roots, not put in their place,
 * because one channel sends to every browser's push service.
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
    agent = guardAgent(
      new https.Agent({ keepAlive: true, ...(ca ? { ca: [...tls.rootCertificates, ca] } : {}) }),
      allowList,
    );
    byCa.set(key, agent);
  }
  return agent;
}
