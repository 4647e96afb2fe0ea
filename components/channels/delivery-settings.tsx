'use client';

import { GroupError, SelectField, TextField } from '@/components/forms/form-fields';
import { RATE_LIMIT_KEYS, RETRY_KEYS } from './channel-form-schema';
import { useChannelOptions } from './queries';

const LABELS: Record<string, string> = {
  per_second: 'Per second',
  per_minute: 'Per minute',
  per_hour: 'Per hour',
  max_attempts: 'Max attempts',
  base_delay_seconds: 'Base delay (seconds)',
  max_delay_seconds: 'Max delay (seconds)',
};

function NumberField({ group, name, placeholder }: { group: string; name: string; placeholder: string }) {
  return (
    <TextField
      name={`${group}.${name}`}
      id={`channel-${name.replaceAll('_', '-')}`}
      label={LABELS[name] ?? name}
      type="number"
      min={1}
      placeholder={placeholder}
    />
  );
}

/** Rate limit, retry policy and fallback (inside the channel form): the same for every provider. */
export function DeliverySettings({ channelId }: { channelId?: string }) {
  const channels = useChannelOptions();
  // The channel being edited is left out of the fallback choices.
  const others = (channels.data ?? []).filter((channel) => channel.id !== channelId);

  return (
    <div className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium text-slate-900">Rate limit</legend>
        <GroupError name="rate_limit" />
        <div className="grid gap-3 sm:grid-cols-3">
          {RATE_LIMIT_KEYS.map((key) => (
            <NumberField key={key} group="rate_limit" name={key} placeholder="no limit" />
          ))}
        </div>
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium text-slate-900">Retry policy</legend>
        <GroupError name="retry_policy" />
        <div className="grid gap-3 sm:grid-cols-3">
          {RETRY_KEYS.map((key) => (
            <NumberField key={key} group="retry_policy" name={key} placeholder="default" />
          ))}
        </div>
        <p className="text-xs text-slate-500">
          Retryable failures back off exponentially from the base delay up to the max delay. Empty fields use
          the defaults.
        </p>
      </fieldset>
      <SelectField
        name="fallback_channel_id"
        id="channel-fallback"
        label="Fallback channel"
        hint="Tried when this channel fails permanently."
        className="sm:max-w-sm"
      >
        <option value="">None</option>
        {others.map((channel) => (
          <option key={channel.id} value={channel.id}>
            {channel.name} ({channel.provider})
          </option>
        ))}
      </SelectField>
    </div>
  );
}
