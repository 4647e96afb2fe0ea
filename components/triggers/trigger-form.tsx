'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { ConfigFields } from '@/components/config-form/config-fields';
import { errorsByField, initialConfigValues } from '@/components/config-form/config-values';
import { fieldsUnder, problemFields } from '@/components/data/form-errors';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { describedBy, Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import { errorMessage } from '@/lib/client/api';
import { type TriggerTypeForm, type TriggerView, useCreateTrigger, useUpdateTrigger } from './queries';
import { TestFilterPanel } from './test-filter-panel';
import { TriggerBasics } from './trigger-basics';
import {
  initialTriggerState,
  type TriggerFormState,
  toCreateInput,
  toTriggerConfig,
  toUpdatePatch,
} from './trigger-form-state';
import { formKey, formOfTrigger } from './trigger-types';

interface TriggerFormProps {
  /** The trigger to edit; without it the form creates one. */
  trigger?: TriggerView;
  forms: TriggerTypeForm[];
}

/**
 * Creates or edits a trigger. The settings form is generated from the type's description (GET
 * /api/v1/triggers/types); the API validates (`noValidate`) and its field errors show next to the fields.
 */
export function TriggerForm({ trigger, forms }: TriggerFormProps) {
  const router = useRouter();
  const isAdmin = useIsAdmin();
  const create = useCreateTrigger();
  const update = useUpdateTrigger(trigger?.id ?? '');
  const save = trigger ? update : create;
  const [saved, setSaved] = useState(() =>
    initialTriggerState(trigger, trigger ? formOfTrigger(forms, trigger) : forms[0]),
  );
  const [state, setState] = useState(saved);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const form = forms.find((f) => formKey(f) === state.form);
  const errors = { ...problemFields(save.error), ...localErrors };
  const configErrors = fieldsUnder(errors, 'config');
  const filterError = errors['config.filter'] ?? (form?.fields.length ? undefined : errors.config);
  const change = (patch: Partial<TriggerFormState>) => setState((current) => ({ ...current, ...patch }));

  function chooseForm(key: string) {
    const next = forms.find((f) => formKey(f) === key);
    change({ form: key, config: initialConfigValues(next?.fields ?? []) });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.reset();
    if (!form) return setLocalErrors({ type: 'choose a type' });
    const { config, errors: invalid } = toTriggerConfig(state, form);
    setLocalErrors(invalid);
    if (Object.keys(invalid).length) return;
    if (trigger) {
      update.mutate(toUpdatePatch(saved, state, form, config), {
        onSuccess: (view) => {
          const next = initialTriggerState(view, form);
          setSaved(next);
          setState(next);
        },
      });
    } else {
      create.mutate(toCreateInput(state, form, config), {
        onSuccess: (created) => router.push(`/triggers/${created.id}`),
      });
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {save.error ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
      {Object.keys(localErrors).length ? <Alert tone="error">Fix the highlighted fields.</Alert> : null}
      {update.isSuccess ? (
        <Alert tone="success" role="status">
          Saved.
        </Alert>
      ) : null}
      {trigger && !form ? (
        <Alert tone="warning">This trigger's type “{trigger.type}” has no form in this version.</Alert>
      ) : null}
      <fieldset disabled={!isAdmin || save.isPending} className="flex flex-col gap-4">
        <Card>
          <CardContent className="py-4">
            <TriggerBasics
              state={state}
              forms={forms}
              typeLocked={Boolean(trigger)}
              errors={errors}
              onChange={change}
              onChooseForm={chooseForm}
            />
          </CardContent>
        </Card>
        {form?.fields.length ? (
          <Card>
            <CardHeader>
              <CardTitle>{form.label}</CardTitle>
            </CardHeader>
            <CardContent>
              {errors.config ? <p className="mb-2 text-xs text-red-600">{errors.config}</p> : null}
              <ConfigFields
                fields={form.fields}
                values={state.config}
                errors={errorsByField(form.fields, configErrors)}
                onChange={(config) => change({ config })}
              />
            </CardContent>
          </Card>
        ) : null}
        <Card>
          <CardContent className="py-4">
            <Field
              id="trigger-filter"
              label="Filter (JSON)"
              error={filterError}
              hint='MongoDB-style query over the event, e.g. {"event_type": "user.created", "data.plan": "pro"}; {} matches every event.'
            >
              <Textarea
                id="trigger-filter"
                rows={6}
                spellCheck={false}
                className="font-mono text-xs"
                value={state.filter}
                onChange={(e) => change({ filter: e.target.value })}
                {...describedBy('trigger-filter', filterError, true)}
              />
            </Field>
          </CardContent>
        </Card>
      </fieldset>
      {isAdmin ? <TestFilterPanel filterText={state.filter} /> : null}
      {isAdmin && form ? (
        <div>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : trigger ? 'Save changes' : 'Create trigger'}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
