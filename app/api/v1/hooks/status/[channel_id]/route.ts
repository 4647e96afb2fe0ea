import { AppError } from '@/lib/api/errors';
import { json, readRawBody, withApi } from '@/lib/api/handler';
import { loadChannelForSend } from '@/lib/channels/service';
import { db } from '@/lib/db';
import { statusHookParams, statusHookResultSchema } from '@/lib/delivery/schemas';
import { applyStatusEvents } from '@/lib/delivery/status-events';

/**
 * Delivery status reported by a provider (Twilio status callbacks, SendGrid / Mailgun event webhooks, SES via
 * SNS, Vonage receipts). No API key: the provider's signature, checked with the channel's credentials, is the
 * authentication. A request that fails it is refused with 401 and changes nothing.
 */
export const POST = withApi({ access: 'public', params: statusHookParams }, async ({ req, params }) => {
  const rawBody = await readRawBody(req);
  const loaded = await loadChannelForSend(params.channel_id).catch(() => {
    throw new AppError('not_found', `no channel with id ${params.channel_id}`);
  });
  const hook = loaded.provider.statusWebhook;
  if (!hook)
    throw new AppError('not_found', `${loaded.provider.provider} channels do not receive status callbacks`);
  const request = { method: req.method, url: req.url, headers: req.headers, rawBody };
  const early = await hook.handshake?.(request, loaded.config);
  if (early) return early;
  if (!(await hook.verify(request, loaded.config).catch(() => false))) {
    throw new AppError('unauthorized', 'signature is missing or does not match');
  }
  const events = await hook.parse(request, loaded.config).catch((error: Error) => {
    throw new AppError(
      'malformed',
      `could not read the ${loaded.provider.provider} status payload: ${error.message}`,
    );
  });
  return json(statusHookResultSchema.parse(await applyStatusEvents(loaded.channel.id, events, db())));
});
