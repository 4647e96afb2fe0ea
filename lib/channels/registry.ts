import { AppError } from '../errors';
import { describeConfig } from './config-fields';
import { apnsProvider } from './providers/apns';
import { discordProvider } from './providers/discord';
import { fcmProvider } from './providers/fcm';
import { mailgunProvider } from './providers/mailgun';
import { sendgridProvider } from './providers/sendgrid';
import { sesProvider } from './providers/ses';
import { slackProvider } from './providers/slack';
import { smtpProvider } from './providers/smtp';
import { snsProvider } from './providers/sns';
import { teamsProvider } from './providers/teams';
import { twilioProvider } from './providers/twilio';
import { vonageProvider } from './providers/vonage';
import { webhookProvider } from './providers/webhook';
import { webpushProvider } from './providers/webpush';
import type { ProviderDescription } from './schemas';
import type { ChannelProvider } from './types';

/** Every provider Switchboard can deliver through. Adding one: a folder under providers/ and a line here. */
const PROVIDERS: Record<string, ChannelProvider> = {
  webhook: webhookProvider,
  smtp: smtpProvider,
  sendgrid: sendgridProvider,
  mailgun: mailgunProvider,
  ses: sesProvider,
  twilio: twilioProvider,
  sns: snsProvider,
  vonage: vonageProvider,
  fcm: fcmProvider,
  apns: apnsProvider,
  webpush: webpushProvider,
  slack: slackProvider,
  discord: discordProvider,
  teams: teamsProvider,
};

export const providerNames = Object.keys(PROVIDERS);

export function findProvider(name: string): ChannelProvider | undefined {
  return Object.hasOwn(PROVIDERS, name) ? PROVIDERS[name] : undefined;
}

/** The provider, or a 422 naming the known ones. */
export function getProvider(name: string): ChannelProvider {
  const provider = findProvider(name);
  if (provider) return provider;
  const message = `unknown provider "${name}"; known: ${providerNames.join(', ')}`;
  throw new AppError('invalid', message, [{ path: 'provider', message }]);
}

let descriptions: ProviderDescription[] | undefined;

/** What the console needs to render each provider's config form, derived from the config schemas. */
export function describeProviders(): ProviderDescription[] {
  descriptions ??= Object.values(PROVIDERS).map((provider) => ({
    provider: provider.provider,
    type: provider.type,
    label: provider.label,
    requires_recipient: provider.requiresRecipient,
    fields: describeConfig(provider.configSchema),
  }));
  return descriptions;
}

/** Closes pooled connections of every provider (worker shutdown). */
export async function closeProviders(): Promise<void> {
  await Promise.all(Object.values(PROVIDERS).map((provider) => provider.close?.()));
}
