import { describe, expect, it } from 'vitest';
import { crossSiteReason } from './same-origin';

const request = (method: string, headers: Record<string, string>) =>
  new Request('http://127.0.0.1:3000/api/v1/channels', { method, headers });

describe('crossSiteReason', () => {
  it('never refuses a read', () => {
    expect(
      crossSiteReason(request('GET', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })),
    ).toBe(undefined);
  });

  it('accepts the addressed host, the forwarded host and the configured public URLs', () => {
    const host = { host: 'switchboard.internal:3000' };
    expect(crossSiteReason(request('POST', { ...host, origin: 'http://switchboard.internal:3000' }))).toBe(
      undefined,
    );
    expect(
      crossSiteReason(
        request('DELETE', {
          ...host,
          'x-forwarded-host': 'notify.example.com',
          origin: 'https://notify.example.com',
        }),
      ),
    ).toBe(undefined);
    expect(
      crossSiteReason(request('PATCH', { ...host, origin: 'https://console.example.com' }), [
        undefined,
        'https://console.example.com/switchboard',
      ]),
    ).toBe(undefined);
    expect(crossSiteReason(request('POST', { ...host, 'sec-fetch-site': 'same-origin' }))).toBe(undefined);
    expect(crossSiteReason(request('POST', host))).toBe(undefined);
  });

  it('refuses other origins, opaque ones and cross- or same-site fetches, naming why', () => {
    const host = { host: 'switchboard.internal:3000' };
    expect(crossSiteReason(request('POST', { ...host, origin: 'http://switchboard.internal:4000' }))).toBe(
      "Origin http://switchboard.internal:4000 is not this app's origin",
    );
    expect(crossSiteReason(request('PUT', { ...host, origin: 'null' }))).toBe(
      "Origin null (an opaque origin) is not this app's origin",
    );
    expect(crossSiteReason(request('POST', { ...host, 'sec-fetch-site': 'cross-site' }))).toBe(
      'Sec-Fetch-Site is cross-site',
    );
    expect(crossSiteReason(request('POST', { ...host, 'sec-fetch-site': 'same-site' }))).toBe(
      'Sec-Fetch-Site is same-site',
    );
    // A forged-looking origin that merely starts with the app's host is not the app.
    expect(
      crossSiteReason(request('POST', { ...host, origin: 'http://switchboard.internal:3000.evil.example' })),
    ).toMatch(/is not this app's origin/);
  });
});
