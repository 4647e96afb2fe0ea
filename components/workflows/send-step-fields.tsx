'use client';

import { useChannelOptions } from '@/components/channels/queries';
import { AttachmentsField } from '@/components/files/attachments-field';
import { describedBy, Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import type { SendDraft } from './step-drafts';
import { StepField } from './step-field';

interface SendStepFieldsProps {
  draft: SendDraft;
  /** Messages for this step keyed by the path below it (`channel_id`, `template.body`). */
  errors: Record<string, string>;
  onChange: (patch: Partial<SendDraft>) => void;
}

export function SendStepFields({ draft, errors, onChange }: SendStepFieldsProps) {
  const channels = useChannelOptions().data ?? [];
  const id = (field: string) => `${draft.uid}-${field}`;

  function channelSelect(
    field: 'channel_id' | 'fallback_channel_id',
    label: string,
    empty: string,
    hint?: string,
  ) {
    return (
      <Field id={id(field)} label={label} error={errors[field]} hint={hint}>
        <Select
          id={id(field)}
          value={draft[field]}
          onChange={(e) => onChange({ [field]: e.target.value })}
          {...describedBy(id(field), errors[field], Boolean(hint))}
        >
          <option value="">{empty}</option>
          {channels.map((channel) => (
            <option key={channel.id} value={channel.id}>
              {channel.name} ({channel.provider})
            </option>
          ))}
        </Select>
      </Field>
    );
  }

  const liquid = 'Liquid template, e.g. {{ data.email }}.';
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {channelSelect('channel_id', 'Channel', 'Choose a channel…')}
      <StepField
        id={id('to')}
        label="To"
        value={draft.to}
        error={errors.to}
        hint={`${liquid} Several recipients separated by commas; optional for webhooks.`}
        onChange={(to) => onChange({ to })}
      />
      <StepField
        id={id('subject')}
        label="Subject"
        className="sm:col-span-2"
        value={draft.subject}
        error={errors['template.subject']}
        onChange={(subject) => onChange({ subject })}
      />
      <StepField
        id={id('body')}
        label="Body"
        multiline
        className="sm:col-span-2"
        value={draft.body}
        error={errors['template.body']}
        onChange={(body) => onChange({ body })}
      />
      <StepField
        id={id('html')}
        label="HTML"
        multiline
        className="sm:col-span-2"
        hint="Optional HTML version of the body."
        value={draft.html}
        error={errors['template.html']}
        onChange={(html) => onChange({ html })}
      />
      {channelSelect(
        'fallback_channel_id',
        'Fallback',
        'None',
        'Channel tried when this one fails permanently.',
      )}
      <div className="sm:col-span-2">
        <AttachmentsField
          id={id('attachments')}
          attachments={draft.attachments}
          errors={errors}
          onChange={(attachments) => onChange({ attachments })}
        />
      </div>
    </div>
  );
}
