import { logger } from '../logger';
import { scrub, secretValues } from './secrets';
import type { ChannelForSend } from './service';
import { DeliveryError, type OutgoingMessage, type SendContext, type SendResult } from './types';

/**
 * Sends one message through a loaded channel. The only error it throws is a DeliveryError (an unexpected
 * exception from a provider counts as retryable), and neither results nor errors contain a secret of the
 * channel, even if the receiver echoed one back.
 */
export async function deliver(
  loaded: ChannelForSend,
  message: OutgoingMessage,
  ctx: SendContext,
): Promise<SendResult> {
  const secrets = secretValues(loaded.provider, loaded.config);
  try {
    const result = await loaded.provider.send(loaded.config, message, {
      ...ctx,
      channelId: loaded.channel.id,
    });
    return scrub(result, secrets);
  } catch (error) {
    if (error instanceof DeliveryError) {
      const message = scrub(error.message, secrets);
      const details = scrub(error.details, secrets);
      // Rebuilt only when a secret had to be removed, so subclasses (OutboundRefusedError) normally survive.
      if (message === error.message && JSON.stringify(details) === JSON.stringify(error.details)) throw error;
      throw new DeliveryError(message, error.kind, details);
    }
    logger.error(
      {
        err: scrub(String(error), secrets),
        channelId: loaded.channel.id,
        provider: loaded.provider.provider,
      },
      'provider threw an unclassified error',
    );
    throw new DeliveryError(
      `${loaded.provider.provider} provider failed unexpectedly: ${scrub(String(error), secrets)}`,
      'retryable',
    );
  }
}
