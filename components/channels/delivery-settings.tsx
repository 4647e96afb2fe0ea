'use client';

import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { type ChannelFormState, RATE_LIMIT_KEYS, RETRY_KEYS } from './channel-form-state';
import { useChannelOptions } from './queries';

const LABELS: Record<string, string> = {
  per_second: 'Per second',
  per_minute: 'Per minute',
  per_hour: 'Per hour',
  max_attempts: 'Max attempts',
  base_delay_seconds: 'Base delay (seconds)',
  max_delay_seconds: 'Max delay (seconds)',
};

interface DeliverySettingsProps {
  state: ChannelFormState;
  /** The channel being edited, left out of the fallback choices. */
  channelId?: string;
  errors: Record<string, string>;
  onChange: (patch: Partial<ChannelFormState>) => void;
}

/** Rate limit, retry policy and fallback: the same for every provider. */
export function DeliverySettings({ state, channelId, errors, onChange }: DeliverySettingsProps) {
  const channels = useChannelOptions();
  const others = (channels.data ?? []).filter((channel) => channel.id !== channelId);

  function numberField(group: 'rateLimit' | 'retry', key: string, placeholder: string) {
    const id = `channel-${key.replaceAll('_', '-')}`;
    const path = `${group === 'rateLimit' ? 'rate_limit' : 'retry_policy'}.${key}`;
    const values = state[group] as Record<string, string>;
    return (
      <Field key={key} id={id} label={LABELS[key] ?? key} error={errors[path]}>
        <Input
          id={id}
          type="number"
          min={1}
          placeholder={placeholder}
          value={values[key] ?? ''}
          onChange={(e) => onChange({ [group]: { ...values, [key]: e.target.value } })}
          {...describedBy(id, errors[path])}
        />
      </Field>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium text-slate-900">Rate limit</legend>
        {errors.rate_limit ? <p className="text-xs text-red-600">{errors.rate_limit}</p> : null}
        <div className="grid gap-3 sm:grid-cols-3">
          {RATE_LIMIT_KEYS.map((key) => numberField('rateLimit', key, 'no limit'))}
        </div>
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium text-slate-900">Retry policy</legend>
        {errors.retry_policy ? <p className="text-xs text-red-600">{errors.retry_policy}</p> : null}
        <div className="grid gap-3 sm:grid-cols-3">
          {RETRY_KEYS.map((key) => numberField('retry', key, 'default'))}
        </div>
        <p className="text-xs text-slate-500">
          Retryable failures back off exponentially from the base delay up to the max delay. Empty fields use
          the defaults.
        </p>
      </fieldset>
      <Field
        id="channel-fallback"
        label="Fallback channel"
        hint="Tried when this channel fails permanently."
        error={errors.fallback_channel_id}
        className="sm:max-w-sm"
      >
        <Select
          id="channel-fallback"
          value={state.fallbackChannelId}
          onChange={(e) => onChange({ fallbackChannelId: e.target.value })}
          {...describedBy('channel-fallback', errors.fallback_channel_id, true)}
        >
          <option value="">None</option>
          {others.map((channel) => (
            <option key={channel.id} value={channel.id}>
              {channel.name} ({channel.provider})
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
