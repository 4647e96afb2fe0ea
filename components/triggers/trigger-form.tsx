'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useWatch } from 'react-hook-form';
import { ConfigFields } from '@/components/config-form/config-fields';
import { initialConfigValues } from '@/components/config-form/config-values';
import { GroupError, TextareaField } from '@/components/forms/form-fields';
import { SaveFooter } from '@/components/forms/form-footer';
import { MutationForm } from '@/components/forms/mutation-form';
import { setServerErrors } from '@/components/forms/server-errors';
import { useZodForm } from '@/components/forms/use-zod-form';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { type TriggerTypeForm, type TriggerView, useCreateTrigger, useUpdateTrigger } from './queries';
import { TestFilterPanel } from './test-filter-panel';
import { TriggerBasics } from './trigger-basics';
import {
  type TriggerFormValues,
  toCreateInput,
  triggerErrorField,
  triggerFormSchema,
  triggerFormValues,
  triggerPatch,
} from './trigger-form-schema';
import { formKey, formOfTrigger } from './trigger-types';

interface TriggerFormProps {
  /** The trigger to edit; without it the form creates one. */
  trigger?: TriggerView;
  forms: TriggerTypeForm[];
}

/**
 * Creates or edits a trigger. The settings form is generated from the type's description (GET
 * /api/v1/triggers/types); the schema is built from the API's (trigger-form-schema.ts), and the server's field
 * errors show next to the fields too.
 */
export function TriggerForm({ trigger, forms }: TriggerFormProps) {
  const router = useRouter();
  const isAdmin = useIsAdmin();
  const create = useCreateTrigger();
  const update = useUpdateTrigger(trigger?.id ?? '');
  const save = trigger ? update : create;
  const find = (key: string) => forms.find((f) => formKey(f) === key);
  const initial = triggerFormValues(trigger, trigger ? formOfTrigger(forms, trigger) : forms[0]);
  // What the server holds, as form values: an edit sends only what differs from it.
  const saved = useRef<TriggerFormValues>(initial);
  const form = useZodForm((values: TriggerFormValues) => triggerFormSchema(find(values.type)), {
    defaultValues: initial,
  });
  const chosen = find(useWatch({ control: form.control, name: 'type' }));
  const filterText = useWatch({ control: form.control, name: 'filter' });
  // Pause/Resume in the page header changes the trigger under the form: Enabled follows it (other edits stay).
  const enabled = trigger?.enabled;
  const { resetField } = form;
  useEffect(() => {
    if (enabled === undefined) return;
    saved.current = { ...saved.current, enabled };
    resetField('enabled', { defaultValue: enabled });
  }, [enabled, resetField]);

  const submit = form.handleSubmit((input) => {
    const onError = (error: unknown) => setServerErrors(error, form.setError, triggerErrorField(chosen));
    if (!trigger) {
      create.mutate(toCreateInput(input), {
        onSuccess: (created) => router.push(`/triggers/${created.id}`),
        onError,
      });
      return;
    }
    const before = triggerFormSchema(chosen).safeParse(saved.current);
    update.mutate(triggerPatch(before.data, input), {
      onSuccess: (view) => {
        saved.current = triggerFormValues(view, chosen);
        form.reset(saved.current);
      },
      onError,
    });
  });

  function chooseForm(key: string) {
    form.clearErrors('config');
    form.setValue('config', initialConfigValues(find(key)?.fields ?? []));
  }

  return (
    <MutationForm
      form={form}
      mutation={save}
      onSubmit={submit}
      saved={update.isSuccess ? 'Saved.' : undefined}
    >
      {trigger && !chosen ? (
        <Alert tone="warning">This trigger's type “{trigger.type}” has no form in this version.</Alert>
      ) : null}
      <fieldset disabled={!isAdmin || save.isPending} className="flex flex-col gap-4">
        <Card>
          <CardContent className="py-4">
            <TriggerBasics
              forms={forms}
              lockedForm={trigger ? (chosen ?? { label: `${trigger.type} trigger` }) : undefined}
              onChooseForm={chooseForm}
            />
          </CardContent>
        </Card>
        {chosen?.fields.length ? (
          <Card>
            <CardHeader>
              <CardTitle>{chosen.label}</CardTitle>
            </CardHeader>
            <CardContent>
              <GroupError name="config" className="mb-2 text-xs text-red-600" />
              <ConfigFields fields={chosen.fields} name="config" />
            </CardContent>
          </Card>
        ) : null}
        <Card>
          <CardContent className="py-4">
            <TextareaField
              name="filter"
              id="trigger-filter"
              label="Filter (JSON)"
              hint='MongoDB-style query over the event, e.g. {"event_type": "user.created", "data.plan": "pro"}; {} matches every event.'
              rows={6}
              spellCheck={false}
              controlClassName="font-mono text-xs"
            />
          </CardContent>
        </Card>
      </fieldset>
      {isAdmin ? <TestFilterPanel filterText={filterText} /> : null}
      {isAdmin && chosen ? (
        <SaveFooter pending={save.isPending} editing={Boolean(trigger)} createLabel="Create trigger" />
      ) : null}
    </MutationForm>
  );
}
