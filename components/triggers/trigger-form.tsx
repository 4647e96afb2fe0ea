'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { problemFields } from '@/components/data/form-errors';
import { parseJsonObject, toJsonText } from '@/components/data/json-text';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { useWorkflowOptions } from '@/components/workflows/queries';
import { errorMessage } from '@/lib/client/api';
import { type CreateTriggerInput, type TriggerView, useCreateTrigger, useUpdateTrigger } from './queries';
import { TestFilterPanel } from './test-filter-panel';
import { TRIGGER_TYPES } from './trigger-types';

/** Creates or edits a trigger. The API validates (`noValidate`); its field errors show next to the fields. */
export function TriggerForm({ trigger }: { trigger?: TriggerView }) {
  const router = useRouter();
  const isAdmin = useIsAdmin();
  const workflows = useWorkflowOptions().data ?? [];
  const create = useCreateTrigger();
  const update = useUpdateTrigger(trigger?.id ?? '');
  const save = trigger ? update : create;
  const [name, setName] = useState(trigger?.name ?? '');
  const [type, setType] = useState<string>(trigger?.type ?? 'api');
  const [workflowId, setWorkflowId] = useState(trigger?.workflow_id ?? '');
  const [enabled, setEnabled] = useState(trigger?.enabled ?? true);
  const [filter, setFilter] = useState(() => toJsonText(trigger?.config.filter ?? {}));
  const [filterError, setFilterError] = useState<string>();
  const errors = problemFields(save.error);
  const filterMessage = filterError ?? errors['config.filter'] ?? errors.config;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.reset();
    const parsed = parseJsonObject(filter);
    setFilterError(parsed.ok ? undefined : parsed.error);
    if (!parsed.ok) return;
    const config = { filter: parsed.value as Record<string, unknown> };
    if (trigger) update.mutate({ name, workflow_id: workflowId, enabled, config });
    else
      create.mutate({ name, type, workflow_id: workflowId, enabled, config } as CreateTriggerInput, {
        onSuccess: (created) => router.push(`/triggers/${created.id}`),
      });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {save.error ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
      {update.isSuccess ? (
        <Alert tone="success" role="status">
          Saved.
        </Alert>
      ) : null}
      <fieldset disabled={!isAdmin || save.isPending}>
        <Card>
          <CardContent className="grid gap-3 py-4 sm:grid-cols-2">
            <Field id="trigger-name" label="Name" error={errors.name}>
              <Input
                id="trigger-name"
                required
                maxLength={200}
                autoComplete="off"
                value={name}
                onChange={(e) => setName(e.target.value)}
                {...describedBy('trigger-name', errors.name)}
              />
            </Field>
            <Field
              id="trigger-type"
              label="Type"
              error={errors.type}
              hint="API triggers fire on events POSTed to /api/v1/events."
            >
              <Select
                id="trigger-type"
                disabled={Boolean(trigger)}
                value={type}
                onChange={(e) => setType(e.target.value)}
                {...describedBy('trigger-type', errors.type, true)}
              >
                {TRIGGER_TYPES.map(({ type: value, available }) => (
                  <option key={value} value={value} disabled={!available}>
                    {available ? value : `${value} (coming soon)`}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="trigger-workflow" label="Workflow" error={errors.workflow_id}>
              <Select
                id="trigger-workflow"
                required
                value={workflowId}
                onChange={(e) => setWorkflowId(e.target.value)}
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
              checked={enabled}
              onChange={(e) => setEnabled(e.target.checked)}
            />
            <Field
              id="trigger-filter"
              label="Filter (JSON)"
              error={filterMessage}
              className="sm:col-span-2"
              hint='MongoDB-style query over the event, e.g. {"event_type": "user.created", "data.plan": "pro"}; {} matches every event.'
            >
              <Textarea
                id="trigger-filter"
                rows={6}
                spellCheck={false}
                className="font-mono text-xs"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                {...describedBy('trigger-filter', filterMessage, true)}
              />
            </Field>
          </CardContent>
        </Card>
      </fieldset>
      {isAdmin ? <TestFilterPanel filterText={filter} /> : null}
      {isAdmin ? (
        <div>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : trigger ? 'Save changes' : 'Create trigger'}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
