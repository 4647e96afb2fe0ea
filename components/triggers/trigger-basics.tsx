'use client';

import { Checkbox } from '@/components/ui/checkbox';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { useWorkflowOptions } from '@/components/workflows/queries';
import type { TriggerTypeForm } from './queries';
import type { TriggerFormState } from './trigger-form-state';
import { formKey } from './trigger-types';

interface TriggerBasicsProps {
  state: TriggerFormState;
  forms: TriggerTypeForm[];
  /** An existing trigger keeps its type. */
  typeLocked: boolean;
  errors: Record<string, string>;
  onChange: (patch: Partial<TriggerFormState>) => void;
  onChooseForm: (key: string) => void;
}

/** Name, type, workflow and the Enabled switch: the same for every trigger type. */
export function TriggerBasics({
  state,
  forms,
  typeLocked,
  errors,
  onChange,
  onChooseForm,
}: TriggerBasicsProps) {
  const workflows = useWorkflowOptions().data ?? [];
  const typeError = errors.type ?? errors['config.queue_type'];
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field id="trigger-name" label="Name" error={errors.name}>
        <Input
          id="trigger-name"
          required
          maxLength={200}
          autoComplete="off"
          value={state.name}
          onChange={(e) => onChange({ name: e.target.value })}
          {...describedBy('trigger-name', errors.name)}
        />
      </Field>
      <Field
        id="trigger-type"
        label="Type"
        error={typeError}
        hint={typeLocked ? 'The type of a trigger cannot change.' : undefined}
      >
        <Select
          id="trigger-type"
          disabled={typeLocked}
          value={state.form}
          onChange={(e) => onChooseForm(e.target.value)}
          {...describedBy('trigger-type', typeError, typeLocked)}
        >
          {forms.map((form) => (
            <option key={formKey(form)} value={formKey(form)}>
              {form.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="trigger-workflow" label="Workflow" error={errors.workflow_id}>
        <Select
          id="trigger-workflow"
          required
          value={state.workflowId}
          onChange={(e) => onChange({ workflowId: e.target.value })}
          {...describedBy('trigger-workflow', errors.workflow_id)}
        >
          <option value="">Choose a workflow…</option>
          {workflows.map((workflow) => (
            <option key={workflow.id} value={workflow.id}>
              {workflow.name} ({workflow.key})
            </option>
          ))}
        </Select>
      </Field>
      <Checkbox
        id="trigger-enabled"
        label="Enabled"
        className="sm:mt-6"
        checked={state.enabled}
        onChange={(e) => onChange({ enabled: e.target.checked })}
      />
    </div>
  );
}
