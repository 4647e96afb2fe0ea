import type http from 'node:http';
import type { Credential, GoogleOAuthAccessToken } from 'firebase-admin/app';
import { JWT } from 'google-auth-library';
import type { ServiceAccount } from './service-account';

export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

/**
 * The service account as the credential of one firebase-admin app. firebase-admin's `cert()` would not do: it
 * keeps one credential per key file for the whole process, with the agent (and the cached token) of the first
 * app that asked, so a channel whose proxy changed, or a second channel with the same key, would still fetch
 * tokens through the first agent; and it asks for five scopes. This one lives and dies with its app, sends its
 * token requests through that app's agent, and asks for FCM's scope only. The exchange itself is the one
 * `cert()` runs: google-auth-library's JWT client (an RS256 service-account assertion for an access token at
 * Google's token endpoint), cached by the app until five minutes before it expires.
 */
export class ServiceAccountCredential implements Credential {
  /** Token exchanges started: a 401 on a token from before a call means the cached token went bad. */
  exchanges = 0;
  private readonly client: JWT;

  constructor(account: ServiceAccount, agent: http.Agent) {
    this.client = new JWT({
      email: account.client_email,
      key: account.private_key,
      scopes: [FCM_SCOPE],
      // Switchboard's retry policy is the only one: gaxios would retry a failed token request by itself. A
      // redirect is the endpoint's answer, as for every OAuth token endpoint Switchboard calls.
      transporterOptions: { agent, retryConfig: { retry: 0 }, redirect: 'manual' },
    });
  }

  async getAccessToken(): Promise<GoogleOAuthAccessToken> {
    this.exchanges += 1;
    const { access_token: token, expiry_date: expiry } = await this.client.authorize();
    if (!token || typeof expiry !== 'number') throw new Error('the token endpoint answered without a token');
    return { access_token: token, expires_in: Math.floor((expiry - Date.now()) / 1000) };
  }
}
