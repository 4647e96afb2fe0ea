'use client';

import { CheckboxField, SelectField, TextField } from '@/components/forms/form-fields';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { useWorkflowOptions } from '@/components/workflows/queries';
import type { TriggerTypeForm } from './queries';
import { formKey } from './trigger-types';

interface TriggerBasicsProps {
  forms: TriggerTypeForm[];
  /** An existing trigger keeps its type: shown, not edited. */
  lockedForm?: TriggerTypeForm | { label: string };
  onChooseForm: (key: string) => void;
}

/** Name, type, workflow and the Enabled switch (inside the trigger form): the same for every trigger type. */
export function TriggerBasics({ forms, lockedForm, onChooseForm }: TriggerBasicsProps) {
  const workflows = useWorkflowOptions().data ?? [];
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextField name="name" id="trigger-name" label="Name" required maxLength={200} autoComplete="off" />
      {lockedForm ? (
        <Field id="trigger-type" label="Type" hint="The type of a trigger cannot change.">
          <Select id="trigger-type" disabled value="locked" aria-describedby="trigger-type-hint">
            <option value="locked">{lockedForm.label}</option>
          </Select>
        </Field>
      ) : (
        <SelectField name="type" id="trigger-type" label="Type" onValueChange={onChooseForm}>
          {forms.map((form) => (
            <option key={formKey(form)} value={formKey(form)}>
              {form.label}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField name="workflow_id" id="trigger-workflow" label="Workflow" required>
        <option value="">Choose a workflow…</option>
        {workflows.map((workflow) => (
          <option key={workflow.id} value={workflow.id}>
            {workflow.name} ({workflow.key})
          </option>
        ))}
      </SelectField>
      <CheckboxField name="enabled" id="trigger-enabled" label="Enabled" className="sm:mt-6" />
    </div>
  );
}
