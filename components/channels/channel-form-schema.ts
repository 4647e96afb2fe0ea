import { z } from 'zod';
import { configSchema } from '@/components/config-form/config-schema';
import {
  type ConfigValues,
  configFieldFor,
  initialConfigValues,
} from '@/components/config-form/config-values';
import { blankAsNull, numberGroup, pipeTo } from '@/components/forms/text-values';
import { type ChannelView, createChannelSchema, type ProviderDescription } from '@/lib/channels/schemas';

export const RATE_LIMIT_KEYS = ['per_second', 'per_minute', 'per_hour'] as const;
export const RETRY_KEYS = ['max_attempts', 'base_delay_seconds', 'max_delay_seconds'] as const;
type RateKey = (typeof RATE_LIMIT_KEYS)[number];
type RetryKey = (typeof RETRY_KEYS)[number];

/** The channel form's values: the request body's shape, with text where the user types. */
export interface ChannelFormValues {
  name: string;
  provider: string;
  enabled: boolean;
  config: ConfigValues;
  rate_limit: Record<RateKey, string>;
  retry_policy: Record<RetryKey, string>;
  fallback_channel_id: string;
}

const text = (value: number | undefined | null) =>
  value === undefined || value === null ? '' : String(value);

export function channelFormValues(
  channel: ChannelView | undefined,
  provider: ProviderDescription | undefined,
): ChannelFormValues {
  return {
    name: channel?.name ?? '',
    provider: provider?.provider ?? channel?.provider ?? '',
    enabled: channel?.enabled ?? true,
    config: initialConfigValues(provider?.fields ?? [], channel?.config),
    rate_limit: {
      per_second: text(channel?.rate_limit?.per_second),
      per_minute: text(channel?.rate_limit?.per_minute),
      per_hour: text(channel?.rate_limit?.per_hour),
    },
    // A new channel leaves these empty so the server's defaults apply.
    retry_policy: {
      max_attempts: text(channel?.retry_policy.max_attempts),
      base_delay_seconds: text(channel?.retry_policy.base_delay_seconds),
      max_delay_seconds: text(channel?.retry_policy.max_delay_seconds),
    },
    fallback_channel_id: channel?.fallback_channel_id ?? '',
  };
}

const shape = createChannelSchema.shape;

function build(fields: ProviderDescription['fields']) {
  return pipeTo(
    z.object({
      name: shape.name,
      provider: shape.provider,
      enabled: z.boolean(),
      // The provider's own schema runs on the server; here its fields' text becomes values.
      config: configSchema(fields),
      rate_limit: pipeTo(numberGroup(RATE_LIMIT_KEYS), shape.rate_limit),
      retry_policy: pipeTo(numberGroup(RETRY_KEYS), shape.retry_policy),
      fallback_channel_id: pipeTo(blankAsNull, shape.fallback_channel_id),
    }),
    createChannelSchema,
  );
}

const schemas = new WeakMap<ProviderDescription, ReturnType<typeof build>>();
const noProvider = build([]);

/** The form's schema for a provider: the API's channel schema, with the provider's fields read from text. */
export function channelFormSchema(provider: ProviderDescription | undefined) {
  if (!provider) return noProvider;
  const cached = schemas.get(provider);
  if (cached) return cached;
  const schema = build(provider.fields);
  schemas.set(provider, schema);
  return schema;
}

/** Where a server error shows: `type` on the provider select, a config path on its field (or above them). */
export function channelErrorField(provider: ProviderDescription | undefined) {
  return (path: string): string => {
    if (path === 'type') return 'provider';
    if (!path.startsWith('config.')) return path;
    const field = configFieldFor(provider?.fields ?? [], path.slice('config.'.length));
    return field ? `config.${field}` : 'config';
  };
}
