'use client';

import { useWatch } from 'react-hook-form';
import { SelectField, TextareaField, TextField } from '@/components/forms/form-fields';

interface FieldsProps {
  /** The step's path in the form (`steps.2`). */
  name: string;
  /** Prefix of the controls' ids, stable while the step moves. */
  idPrefix: string;
}

export function DelayStepFields({ name, idPrefix }: FieldsProps) {
  const mode = useWatch({ name: `${name}.mode` });
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <SelectField name={`${name}.mode`} id={`${idPrefix}-mode`} label="Wait">
        <option value="seconds">a number of seconds</option>
        <option value="until">until a time</option>
      </SelectField>
      {mode === 'until' ? (
        <TextField
          name={`${name}.until`}
          id={`${idPrefix}-until`}
          label="Until"
          autoComplete="off"
          hint="Template rendering to an ISO 8601 time, e.g. {{ data.remind_at }}."
        />
      ) : (
        <TextField
          name={`${name}.seconds`}
          id={`${idPrefix}-seconds`}
          label="Seconds"
          type="number"
          min={1}
        />
      )}
    </div>
  );
}

export function DigestStepFields({ name, idPrefix }: FieldsProps) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextField
        name={`${name}.window_seconds`}
        id={`${idPrefix}-window`}
        label="Window (seconds)"
        type="number"
        min={1}
      />
      <TextField
        name={`${name}.key`}
        id={`${idPrefix}-key`}
        label="Group by"
        autoComplete="off"
        hint="Template; events whose value renders the same are collected into one run, e.g. {{ data.user_id }}."
      />
    </div>
  );
}

export function ConditionStepFields({ name, idPrefix }: FieldsProps) {
  return (
    <TextareaField
      name={`${name}.filter`}
      id={`${idPrefix}-filter`}
      label="Filter (JSON)"
      rows={4}
      spellCheck={false}
      controlClassName="font-mono text-xs"
      hint='MongoDB-style query over {event, data}, e.g. {"data.plan": "pro"}; later steps are skipped when it does not match.'
    />
  );
}

/** A registered step type without a form here: its settings as a JSON object. */
export function JsonStepFields({ name, idPrefix }: FieldsProps) {
  return (
    <TextareaField
      name={`${name}.fields`}
      id={`${idPrefix}-fields`}
      label="Fields (JSON)"
      rows={4}
      spellCheck={false}
      controlClassName="font-mono text-xs"
      hint="This step type has no form yet: its settings as a JSON object."
    />
  );
}
