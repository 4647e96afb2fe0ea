'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { useChannelOptions } from '@/components/channels/queries';
import { ConfigFields } from '@/components/config-form/config-fields';
import { errorsByField, initialConfigValues } from '@/components/config-form/config-values';
import { fieldsUnder, problemFields } from '@/components/data/form-errors';
import { rowsOf } from '@/components/data/list-query';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { useTriggers } from '@/components/triggers/queries';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { ALERT_KINDS, type AlertKind } from '@/lib/alerts/kinds';
import { errorMessage } from '@/lib/client/api';
import {
  type AlertRuleFormState,
  initialFormState,
  paramFields,
  referenceFields,
  toRuleInput,
} from './alert-rule-form-state';
import { type AlertRuleView, useCreateAlertRule, useUpdateAlertRule } from './queries';

/**
 * Creates or edits an alert rule. The kind's params are a form generated from its zod schema (the same the API
 * validates with); `noValidate`: the API is the one validator and its field errors show next to the fields.
 */
export function AlertRuleForm({ rule }: { rule?: AlertRuleView }) {
  const router = useRouter();
  const isAdmin = useIsAdmin();
  const create = useCreateAlertRule();
  const update = useUpdateAlertRule();
  const save = rule ? update : create;
  const channels = useChannelOptions();
  const triggers = useTriggers();
  const [state, setState] = useState(() => initialFormState(rule));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const errors = { ...problemFields(save.error), ...localErrors };
  const change = (patch: Partial<AlertRuleFormState>) => setState((current) => ({ ...current, ...patch }));
  const kind = ALERT_KINDS.find((k) => k.kind === state.kind)!;
  const fields = paramFields(state.kind);
  const references = referenceFields(state.kind);
  const channelList = channels.data ?? [];
  // The list as a whole (`notify_channel_ids`) or one of its entries (`notify_channel_ids.2`: no such channel).
  const notifyError = Object.entries(errors).find(
    ([path]) => path === 'notify_channel_ids' || path.startsWith('notify_channel_ids.'),
  )?.[1];

  function chooseKind(next: AlertKind) {
    change({ kind: next, params: initialConfigValues(paramFields(next)) });
  }

  function toggleNotify(id: string, on: boolean) {
    change({
      notifyChannelIds: on
        ? [...state.notifyChannelIds, id]
        : state.notifyChannelIds.filter((existing) => existing !== id),
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.reset();
    const { input, errors: invalid } = toRuleInput(state);
    setLocalErrors(invalid);
    if (Object.keys(invalid).length) return;
    if (rule) update.mutate({ id: rule.id, patch: input });
    else create.mutate(input, { onSuccess: (created) => router.push(`/alerts/${created.id}`) });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Alert rule">
      {save.error ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
      {Object.keys(localErrors).length ? <Alert tone="error">Fix the highlighted fields.</Alert> : null}
      {update.isSuccess ? (
        <Alert tone="success" role="status">
          Saved.
        </Alert>
      ) : null}
      <fieldset disabled={!isAdmin || save.isPending} className="flex flex-col gap-4">
        <Card>
          <CardHeader>
            <CardTitle>Rule</CardTitle>
            <CardDescription>{kind.description}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3 sm:grid-cols-2">
            <Field id="alert-name" label="Name" error={errors.name}>
              <Input
                id="alert-name"
                required
                maxLength={100}
                autoComplete="off"
                value={state.name}
                onChange={(e) => change({ name: e.target.value })}
                {...describedBy('alert-name', errors.name)}
              />
            </Field>
            <Field id="alert-kind" label="Kind" error={errors.kind}>
              <Select
                id="alert-kind"
                value={state.kind}
                onChange={(e) => chooseKind(e.target.value as AlertKind)}
                {...describedBy('alert-kind', errors.kind)}
              >
                {ALERT_KINDS.map((k) => (
                  <option key={k.kind} value={k.kind}>
                    {k.label}
                  </option>
                ))}
              </Select>
            </Field>
            {references.includes('channel_id') ? (
              <Field id="alert-channel" label="Channel watched" error={errors['params.channel_id']}>
                <Select
                  id="alert-channel"
                  value={state.references.channel_id}
                  onChange={(e) =>
                    change({ references: { ...state.references, channel_id: e.target.value } })
                  }
                  {...describedBy('alert-channel', errors['params.channel_id'])}
                >
                  <option value="">Every channel</option>
                  {channelList.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null}
            {references.includes('trigger_id') ? (
              <Field id="alert-trigger" label="Trigger watched" error={errors['params.trigger_id']}>
                <Select
                  id="alert-trigger"
                  value={state.references.trigger_id}
                  onChange={(e) =>
                    change({ references: { ...state.references, trigger_id: e.target.value } })
                  }
                  {...describedBy('alert-trigger', errors['params.trigger_id'])}
                >
                  <option value="">Every trigger</option>
                  {rowsOf(triggers.data).map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null}
          </CardContent>
          <CardContent>
            {errors.params ? <p className="mb-2 text-xs text-red-600">{errors.params}</p> : null}
            <ConfigFields
              fields={fields}
              values={state.params}
              errors={errorsByField(fields, fieldsUnder(errors, 'params'))}
              onChange={(params) => change({ params })}
            />
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
            <fieldset
              className="flex flex-col gap-2 sm:col-span-2"
              aria-describedby={notifyError ? 'alert-notify-error' : undefined}
            >
              <legend className="mb-1 text-sm font-medium text-slate-700">Notify through</legend>
              {channels.isPending ? <p className="text-sm text-slate-500">Loading channels…</p> : null}
              {!channels.isPending && !channelList.length ? (
                <p className="text-sm text-slate-500">No channels yet: create one first.</p>
              ) : null}
              {channelList.map((c) => (
                <Checkbox
                  key={c.id}
                  id={`alert-notify-${c.id}`}
                  label={`${c.name} (${c.provider})`}
                  checked={state.notifyChannelIds.includes(c.id)}
                  onChange={(e) => toggleNotify(c.id, e.target.checked)}
                />
              ))}
              {notifyError ? (
                <p id="alert-notify-error" className="text-xs text-red-600">
                  {notifyError}
                </p>
              ) : null}
            </fieldset>
            <Field
              id="alert-notify-to"
              label="Recipient"
              error={errors.notify_to}
              hint="For channels that need one (e-mail, SMS)."
            >
              <Input
                id="alert-notify-to"
                autoComplete="off"
                value={state.notifyTo}
                onChange={(e) => change({ notifyTo: e.target.value })}
                {...describedBy('alert-notify-to', errors.notify_to, true)}
              />
            </Field>
            <Field
              id="alert-cooldown"
              label="Cooldown (minutes)"
              error={errors.cooldown_minutes}
              hint="No other notification for this long; a rule still firing is reminded after it."
            >
              <Input
                id="alert-cooldown"
                inputMode="numeric"
                value={state.cooldown}
                onChange={(e) => change({ cooldown: e.target.value })}
                {...describedBy('alert-cooldown', errors.cooldown_minutes, true)}
              />
            </Field>
            <Checkbox
              id="alert-enabled"
              label="Enabled"
              checked={state.enabled}
              onChange={(e) => change({ enabled: e.target.checked })}
            />
          </CardContent>
        </Card>
      </fieldset>
      {isAdmin ? (
        <div>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : rule ? 'Save changes' : 'Create alert rule'}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
