'use client';

import { useChannelOptions } from '@/components/channels/queries';
import { CheckboxGroupField } from '@/components/forms/checkbox-group-field';
import { CheckboxField, TextField } from '@/components/forms/form-fields';

/** Whom an alert rule tells, and how often (inside the alert rule form). */
export function AlertNotifyFields() {
  const channels = useChannelOptions();
  const options = (channels.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.provider})` }));
  return (
    <>
      <CheckboxGroupField
        name="notify_channel_ids"
        id="alert-notify"
        legend="Notify through"
        className="flex flex-col gap-2 sm:col-span-2"
        options={options}
        empty={
          <p className="text-sm text-slate-500">
            {channels.isPending ? 'Loading channels…' : 'No channels yet: create one first.'}
          </p>
        }
      />
      <TextField
        name="notify_to"
        id="alert-notify-to"
        label="Recipient"
        hint="For channels that need one (e-mail, SMS)."
        autoComplete="off"
      />
      <TextField
        name="cooldown_minutes"
        id="alert-cooldown"
        label="Cooldown (minutes)"
        hint="No other notification for this long; a rule still firing is reminded after it."
        inputMode="numeric"
      />
      <CheckboxField name="enabled" id="alert-enabled" label="Enabled" />
    </>
  );
}
