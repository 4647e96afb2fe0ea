'use client';

import { describedBy, Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import type { ConditionDraft, DelayDraft, DigestDraft } from './step-drafts';
import { StepField } from './step-field';

interface FieldsProps<D> {
  draft: D;
  errors: Record<string, string>;
  onChange: (patch: Partial<D>) => void;
}

export function DelayStepFields({ draft, errors, onChange }: FieldsProps<DelayDraft>) {
  const modeId = `${draft.uid}-mode`;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field id={modeId} label="Wait">
        <Select
          id={modeId}
          value={draft.mode}
          onChange={(e) => onChange({ mode: e.target.value as DelayDraft['mode'] })}
          {...describedBy(modeId)}
        >
          <option value="seconds">a number of seconds</option>
          <option value="until">until a time</option>
        </Select>
      </Field>
      {draft.mode === 'seconds' ? (
        <StepField
          id={`${draft.uid}-seconds`}
          label="Seconds"
          type="number"
          value={draft.seconds}
          error={errors.seconds}
          onChange={(seconds) => onChange({ seconds })}
        />
      ) : (
        <StepField
          id={`${draft.uid}-until`}
          label="Until"
          value={draft.until}
          error={errors.until}
          hint="Template rendering to an ISO 8601 time, e.g. {{ data.remind_at }}."
          onChange={(until) => onChange({ until })}
        />
      )}
    </div>
  );
}

export function DigestStepFields({ draft, errors, onChange }: FieldsProps<DigestDraft>) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <StepField
        id={`${draft.uid}-window`}
        label="Window (seconds)"
        type="number"
        value={draft.window_seconds}
        error={errors.window_seconds}
        onChange={(window_seconds) => onChange({ window_seconds })}
      />
      <StepField
        id={`${draft.uid}-key`}
        label="Group by"
        value={draft.key}
        error={errors.key}
        hint="Template; events whose value renders the same are collected into one run, e.g. {{ data.user_id }}."
        onChange={(key) => onChange({ key })}
      />
    </div>
  );
}

export function ConditionStepFields({ draft, errors, onChange }: FieldsProps<ConditionDraft>) {
  return (
    <StepField
      id={`${draft.uid}-filter`}
      label="Filter (JSON)"
      multiline
      value={draft.filter}
      error={errors.filter}
      hint='MongoDB-style query over {event, data}, e.g. {"data.plan": "pro"}; later steps are skipped when it does not match.'
      onChange={(filter) => onChange({ filter })}
    />
  );
}
