import type { CheckResult, SendContext } from '../../types';
import { budgetMs, sendgridClient } from './client';
import type { SendgridConfig } from './config';
import { classifySendgridError } from './errors';

/**
 * GET /v3/scopes: an authenticated read that every API key may make, listing what the key may do. Proves the
 * endpoint and the key without sending, and tells whether the key has the mail.send permission it needs.
 */
export async function checkSendgrid(config: SendgridConfig, ctx: SendContext): Promise<CheckResult> {
  const request = {
    method: 'GET',
    url: `${config.base_url.replace(/\/+$/, '')}/v3/scopes`,
    base_url: config.base_url,
  };
  try {
    const client = await sendgridClient(config, ctx);
    const [, body] = await client.request({ method: 'GET', url: '/v3/scopes' });
    const scopes: unknown[] = Array.isArray(body?.scopes) ? body.scopes : [];
    if (!scopes.includes('mail.send')) {
      return {
        ok: false,
        detail: `SendGrid accepted the API key, but it lacks the mail.send permission (${scopes.length} scopes)`,
      };
    }
    return { ok: true, detail: `SendGrid at ${config.base_url} accepted the API key; it has mail.send` };
  } catch (error) {
    return { ok: false, detail: classifySendgridError(error, request, budgetMs(config, ctx)).message };
  }
}
