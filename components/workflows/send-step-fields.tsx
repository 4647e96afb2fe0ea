'use client';

import { useController, useFormState } from 'react-hook-form';
import { useChannelOptions } from '@/components/channels/queries';
import { AttachmentsField } from '@/components/files/attachments-field';
import { errorsUnder } from '@/components/forms/field-error';
import { SelectField, TextareaField, TextField } from '@/components/forms/form-fields';

interface SendStepFieldsProps {
  /** The step's path in the form (`steps.2`). */
  name: string;
  /** Prefix of the controls' ids, stable while the step moves. */
  idPrefix: string;
}

const LIQUID = 'Liquid template, e.g. {{ data.email }}.';

export function SendStepFields({ name, idPrefix }: SendStepFieldsProps) {
  const channels = useChannelOptions().data ?? [];
  const id = (field: string) => `${idPrefix}-${field}`;
  const options = channels.map((channel) => (
    <option key={channel.id} value={channel.id}>
      {channel.name} ({channel.provider})
    </option>
  ));
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <SelectField name={`${name}.channel_id`} id={id('channel_id')} label="Channel">
        <option value="">Choose a channel…</option>
        {options}
      </SelectField>
      <TextField
        name={`${name}.to`}
        id={id('to')}
        label="To"
        autoComplete="off"
        hint={`${LIQUID} Several recipients separated by commas; optional for webhooks.`}
      />
      <TextField
        name={`${name}.template.subject`}
        id={id('subject')}
        label="Subject"
        autoComplete="off"
        className="sm:col-span-2"
      />
      <TextareaField
        name={`${name}.template.body`}
        id={id('body')}
        label="Body"
        hint="Leave empty to send the webhook channel's payload template instead."
        rows={4}
        spellCheck={false}
        controlClassName="font-mono text-xs"
        className="sm:col-span-2"
      />
      <TextareaField
        name={`${name}.template.html`}
        id={id('html')}
        label="HTML"
        hint="Optional HTML version of the body."
        rows={4}
        spellCheck={false}
        controlClassName="font-mono text-xs"
        className="sm:col-span-2"
      />
      <SelectField
        name={`${name}.fallback_channel_id`}
        id={id('fallback_channel_id')}
        label="Fallback"
        hint="Channel tried when this one fails permanently."
      >
        <option value="">None</option>
        {options}
      </SelectField>
      <div className="sm:col-span-2">
        <StepAttachments name={`${name}.attachments`} id={id('attachments')} />
      </div>
    </div>
  );
}

/** The step's attached files, kept in the form; messages about any of them (`attachments.0.file_id`) below. */
function StepAttachments({ name, id }: { name: string; id: string }) {
  const { field } = useController({ name });
  const { errors } = useFormState({ name });
  const messages = Object.fromEntries(
    Object.entries(errorsUnder(errors, name)).map(([path, message]) => [
      `attachments${path ? `.${path}` : ''}`,
      message,
    ]),
  );
  return (
    <AttachmentsField id={id} attachments={field.value ?? []} errors={messages} onChange={field.onChange} />
  );
}
