'use client';

import { useRouter } from 'next/navigation';
import { useWatch } from 'react-hook-form';
import { useChannelOptions } from '@/components/channels/queries';
import { ConfigFields } from '@/components/config-form/config-fields';
import { rowsOf } from '@/components/data/list-query';
import { GroupError, SelectField, TextField } from '@/components/forms/form-fields';
import { SaveFooter } from '@/components/forms/form-footer';
import { MutationForm } from '@/components/forms/mutation-form';
import { setServerErrors } from '@/components/forms/server-errors';
import { useZodForm } from '@/components/forms/use-zod-form';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { useTriggers } from '@/components/triggers/queries';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ALERT_KINDS, type AlertKind } from '@/lib/alerts/kinds';
import { AlertNotifyFields } from './alert-notify-fields';
import {
  type AlertRuleFormValues,
  alertRuleErrorField,
  alertRuleFormSchema,
  alertRuleFormValues,
  initialParams,
  paramFields,
  type ReferenceField,
  referenceFields,
} from './alert-rule-form-schema';
import { type AlertRuleView, useCreateAlertRule, useUpdateAlertRule } from './queries';

/** The select of each param naming a channel or trigger: its id, label and the choice of every one. */
const REFERENCE_SELECTS: Record<ReferenceField, { id: string; label: string; all: string }> = {
  channel_id: { id: 'alert-channel', label: 'Channel watched', all: 'Every channel' },
  trigger_id: { id: 'alert-trigger', label: 'Trigger watched', all: 'Every trigger' },
};

/**
 * Creates or edits an alert rule. The form's schema is the API's rule schema for the chosen kind; the kind's
 * params are a form generated from its zod schema. The server's field errors show next to the fields too.
 */
export function AlertRuleForm({ rule }: { rule?: AlertRuleView }) {
  const router = useRouter();
  const isAdmin = useIsAdmin();
  const create = useCreateAlertRule();
  const update = useUpdateAlertRule();
  const save = rule ? update : create;
  const choices: Record<ReferenceField, { id: string; name: string }[]> = {
    channel_id: useChannelOptions().data ?? [],
    trigger_id: rowsOf(useTriggers().data),
  };
  const form = useZodForm((values: AlertRuleFormValues) => alertRuleFormSchema(values.kind), {
    defaultValues: alertRuleFormValues(rule),
  });
  const kindName = useWatch({ control: form.control, name: 'kind' });
  const kind = ALERT_KINDS.find((k) => k.kind === kindName) ?? ALERT_KINDS[0];
  const references = referenceFields(kind.kind);

  const submit = form.handleSubmit((input) => {
    const onError = (error: unknown) => setServerErrors(error, form.setError, alertRuleErrorField(kind.kind));
    if (rule) update.mutate({ id: rule.id, patch: input }, { onError });
    else create.mutate(input, { onSuccess: (created) => router.push(`/alerts/${created.id}`), onError });
  });

  function chooseKind(next: string) {
    form.clearErrors('params');
    form.setValue('params', initialParams(next as AlertKind));
  }

  return (
    <MutationForm
      form={form}
      mutation={save}
      onSubmit={submit}
      saved={update.isSuccess ? 'Saved.' : undefined}
      aria-label="Alert rule"
    >
      <fieldset disabled={!isAdmin || save.isPending} className="flex flex-col gap-4">
        <Card>
          <CardHeader>
            <CardTitle>Rule</CardTitle>
            <CardDescription>{kind.description}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3 sm:grid-cols-2">
            <TextField name="name" id="alert-name" label="Name" required maxLength={100} autoComplete="off" />
            <SelectField name="kind" id="alert-kind" label="Kind" onValueChange={chooseKind}>
              {ALERT_KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </SelectField>
            {references.map((field) => {
              const { id, label, all } = REFERENCE_SELECTS[field];
              return (
                <SelectField key={field} name={`params.${field}`} id={id} label={label}>
                  <option value="">{all}</option>
                  {choices[field].map((choice) => (
                    <option key={choice.id} value={choice.id}>
                      {choice.name}
                    </option>
                  ))}
                </SelectField>
              );
            })}
          </CardContent>
          <CardContent>
            <GroupError name="params" className="mb-2 text-xs text-red-600" />
            <ConfigFields fields={paramFields(kind.kind)} name="params" />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Notifications</CardTitle>
            <CardDescription>
              An alert about a channel is never sent through that channel: the others (or its fallback) carry
              it.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3 sm:grid-cols-2">
            <AlertNotifyFields />
          </CardContent>
        </Card>
      </fieldset>
      {isAdmin ? (
        <SaveFooter pending={save.isPending} editing={Boolean(rule)} createLabel="Create alert rule" />
      ) : null}
    </MutationForm>
  );
}
