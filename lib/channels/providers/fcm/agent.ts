import type http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { guardAgent } from '../../../outbound/guarded-agents';
import { type AllowList, assertLiteralAllowed, guardedLookup, stripBrackets } from '../../../outbound/ssrf';
import { bindToCalls } from './call';
import type { FcmConfig } from './config';

/**
 * The agent one channel's firebase-admin app sends through (the FCM request and the OAuth token exchange both
 * use it): keep-alive, every connection behind the SSRF guard, every request bound to its call's time budget.
 * Without a proxy it connects to Google's hosts itself; with `proxy_url` it opens CONNECT tunnels through the
 * proxy, and the guard judges the proxy's address (the proxy resolves Google's names).
 */
export function fcmAgent(config: FcmConfig, allowList: AllowList): http.Agent {
  if (!config.proxy_url) return bindToCalls(guardAgent(new https.Agent({ keepAlive: true }), allowList));
  const proxy = new URL(config.proxy_url);
  // A literal address never reaches the lookup, so it is judged here (the name of a proxy is judged at lookup).
  assertLiteralAllowed(stripBrackets(proxy.hostname), allowList);
  if (config.proxy_username) {
    proxy.username = config.proxy_username;
    proxy.password = config.proxy_password ?? '';
  }
  // A private CA is trusted besides the public ones, never instead of verification.
  const ca = config.proxy_ca ? [...tls.rootCertificates, config.proxy_ca] : undefined;
  return bindToCalls(
    new TrustingProxyAgent(proxy, ca, { keepAlive: true, lookup: guardedLookup(allowList) }),
    proxy.host,
  );
}

/**
 * https-proxy-agent gives its own options (`ca`, `lookup`) to the connection to the proxy only; the TLS session
 * with Google's host inside the tunnel takes the request's options, so the proxy CA is added to those as well.
 */
class TrustingProxyAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: URL,
    private readonly ca: string[] | undefined,
    options: ConstructorParameters<typeof HttpsProxyAgent<string>>[1],
  ) {
    super(proxy, { ...options, ...(ca ? { ca } : {}) });
  }

  override connect(req: http.ClientRequest, opts: Parameters<HttpsProxyAgent<string>['connect']>[1]) {
    return super.connect(req, this.ca && opts.secureEndpoint ? { ...opts, ca: this.ca } : opts);
  }
}
