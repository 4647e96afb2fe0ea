import { buildConfig, type ConfigValues, initialConfigValues } from '@/components/config-form/config-values';
import type { ChannelView, ProviderDescription } from '@/lib/channels/schemas';
import type { CreateChannelInput } from './queries';

export const RATE_LIMIT_KEYS = ['per_second', 'per_minute', 'per_hour'] as const;
export const RETRY_KEYS = ['max_attempts', 'base_delay_seconds', 'max_delay_seconds'] as const;
type RateKey = (typeof RATE_LIMIT_KEYS)[number];
type RetryKey = (typeof RETRY_KEYS)[number];

/** Everything the channel form edits, as text where the user types it. */
export interface ChannelFormState {
  name: string;
  provider: string;
  enabled: boolean;
  config: ConfigValues;
  rateLimit: Record<RateKey, string>;
  retry: Record<RetryKey, string>;
  fallbackChannelId: string;
}

const text = (value: number | undefined | null) =>
  value === undefined || value === null ? '' : String(value);

export function initialFormState(
  channel: ChannelView | undefined,
  provider: ProviderDescription | undefined,
): ChannelFormState {
  return {
    name: channel?.name ?? '',
    provider: provider?.provider ?? channel?.provider ?? '',
    enabled: channel?.enabled ?? true,
    config: initialConfigValues(provider?.fields ?? [], channel?.config),
    rateLimit: {
      per_second: text(channel?.rate_limit?.per_second),
      per_minute: text(channel?.rate_limit?.per_minute),
      per_hour: text(channel?.rate_limit?.per_hour),
    },
    // A new channel leaves these empty so the server's defaults apply.
    retry: {
      max_attempts: text(channel?.retry_policy.max_attempts),
      base_delay_seconds: text(channel?.retry_policy.base_delay_seconds),
      max_delay_seconds: text(channel?.retry_policy.max_delay_seconds),
    },
    fallbackChannelId: channel?.fallback_channel_id ?? '',
  };
}

/** Filled-in numbers only; `null` when all are empty. Text that is not a number is sent so the API names it. */
function numbers<K extends string>(values: Record<K, string>): Record<K, number> | null {
  const entries = Object.entries<string>(values).filter(([, value]) => value.trim() !== '');
  if (!entries.length) return null;
  return Object.fromEntries(entries.map(([key, value]) => [key, Number(value)])) as Record<K, number>;
}

/** The request body, or the fields whose text could not be turned into a value (keyed like problem paths). */
export function toChannelInput(
  state: ChannelFormState,
  provider: ProviderDescription,
): { input: CreateChannelInput; errors: Record<string, string> } {
  const { config, errors } = buildConfig(provider.fields, state.config);
  const input: CreateChannelInput = {
    name: state.name,
    provider: state.provider,
    config,
    enabled: state.enabled,
    rate_limit: numbers(state.rateLimit),
    retry_policy: numbers(state.retry),
    fallback_channel_id: state.fallbackChannelId || null,
  };
  return {
    input,
    errors: Object.fromEntries(Object.entries(errors).map(([name, message]) => [`config.${name}`, message])),
  };
}
