'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { problemFields } from '@/components/data/form-errors';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { errorMessage } from '@/lib/client/api';
import { type CreateWorkflowInput, useCreateWorkflow, useUpdateWorkflow, type WorkflowView } from './queries';
import { StepsEditor } from './steps-editor';
import { initialStepsState, readSteps } from './steps-state';

/** Creates a workflow, or edits one (its key cannot change). The API validates; its field errors show in place. */
export function WorkflowForm({ workflow }: { workflow?: WorkflowView }) {
  const router = useRouter();
  const isAdmin = useIsAdmin();
  const create = useCreateWorkflow();
  const update = useUpdateWorkflow(workflow?.key ?? '');
  const save = workflow ? update : create;
  const [key, setKey] = useState(workflow?.key ?? '');
  const [name, setName] = useState(workflow?.name ?? '');
  const [description, setDescription] = useState(workflow?.description ?? '');
  const [enabled, setEnabled] = useState(workflow?.enabled ?? true);
  const [steps, setSteps] = useState(() => initialStepsState(workflow?.steps ?? []));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const errors = { ...problemFields(save.error), ...localErrors };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.reset();
    const read = readSteps(steps);
    setLocalErrors(read.errors);
    if (Object.keys(read.errors).length) return;
    const input = { key, name, description: description.trim() || null, enabled, steps: read.steps };
    if (workflow) {
      const { key: _, ...patch } = input;
      update.mutate(patch as Omit<CreateWorkflowInput, 'key'>);
    } else {
      create.mutate(input as CreateWorkflowInput, {
        onSuccess: (created) => router.push(`/workflows/${encodeURIComponent(created.key)}`),
      });
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {save.error ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
      {Object.keys(localErrors).length ? <Alert tone="error">Fix the highlighted fields.</Alert> : null}
      {update.isSuccess ? (
        <Alert tone="success" role="status">
          Saved as version {update.data.version}.
        </Alert>
      ) : null}
      <fieldset disabled={!isAdmin || save.isPending} className="flex flex-col gap-4">
        <Card>
          <CardContent className="grid gap-3 py-4 sm:grid-cols-2">
            <Field
              id="workflow-key"
              label="Key"
              error={errors.key}
              hint={
                workflow
                  ? 'The key cannot change.'
                  : 'Lower-case letters, digits, ".", "_" or "-"; used by the API.'
              }
            >
              <Input
                id="workflow-key"
                required
                readOnly={Boolean(workflow)}
                maxLength={100}
                autoComplete="off"
                className="font-mono"
                value={key}
                onChange={(e) => setKey(e.target.value)}
                {...describedBy('workflow-key', errors.key, true)}
              />
            </Field>
            <Field id="workflow-name" label="Name" error={errors.name}>
              <Input
                id="workflow-name"
                required
                maxLength={200}
                autoComplete="off"
                value={name}
                onChange={(e) => setName(e.target.value)}
                {...describedBy('workflow-name', errors.name)}
              />
            </Field>
            <Field
              id="workflow-description"
              label="Description"
              error={errors.description}
              className="sm:col-span-2"
            >
              <Textarea
                id="workflow-description"
                rows={2}
                maxLength={2000}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
                {...describedBy('workflow-description', errors.description)}
              />
            </Field>
            <Checkbox
              id="workflow-enabled"
              label="Enabled"
              checked={enabled}
              onChange={(e) => setEnabled(e.target.checked)}
            />
          </CardContent>
        </Card>
        <StepsEditor state={steps} errors={errors} readOnly={!isAdmin} onChange={setSteps} />
      </fieldset>
      {isAdmin ? (
        <div>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : workflow ? 'Save changes' : 'Create workflow'}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
