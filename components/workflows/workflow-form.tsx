'use client';

import { useRouter } from 'next/navigation';
import { CheckboxField, TextareaField, TextField } from '@/components/forms/form-fields';
import { SaveFooter } from '@/components/forms/form-footer';
import { MutationForm } from '@/components/forms/mutation-form';
import { setServerErrors } from '@/components/forms/server-errors';
import { useZodForm } from '@/components/forms/use-zod-form';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Card, CardContent } from '@/components/ui/card';
import {
  type CreateWorkflowInput,
  type UpdateWorkflowInput,
  useCreateWorkflow,
  useUpdateWorkflow,
  type WorkflowView,
} from './queries';
import { StepsEditor } from './steps-editor';
import { workflowFormSchema, workflowFormValues } from './workflow-form-schema';

/**
 * Creates a workflow, or edits one (its key cannot change). The form's schema is the API's workflow schema
 * behind the step drafts (workflow-form-schema.ts); the server's field errors show in place too.
 */
export function WorkflowForm({ workflow }: { workflow?: WorkflowView }) {
  const router = useRouter();
  const isAdmin = useIsAdmin();
  const create = useCreateWorkflow();
  const update = useUpdateWorkflow(workflow?.key ?? '');
  const save = workflow ? update : create;
  const form = useZodForm(workflowFormSchema(workflow ? 'update' : 'create'), {
    defaultValues: workflowFormValues(workflow),
  });

  const submit = form.handleSubmit((input) => {
    const onError = (error: unknown) => setServerErrors(error, form.setError);
    if (workflow) {
      update.mutate(input as UpdateWorkflowInput, {
        onSuccess: (saved) => form.reset(workflowFormValues(saved)),
        onError,
      });
    } else {
      create.mutate(input as CreateWorkflowInput, {
        onSuccess: (created) => router.push(`/workflows/${encodeURIComponent(created.key)}`),
        onError,
      });
    }
  });

  return (
    <MutationForm
      form={form}
      mutation={save}
      onSubmit={submit}
      saved={update.isSuccess ? `Saved as version ${update.data.version}.` : undefined}
    >
      <fieldset disabled={!isAdmin || save.isPending} className="flex flex-col gap-4">
        <Card>
          <CardContent className="grid gap-3 py-4 sm:grid-cols-2">
            <TextField
              name="key"
              id="workflow-key"
              label="Key"
              hint={
                workflow
                  ? 'The key cannot change.'
                  : 'Lower-case letters, digits, ".", "_" or "-"; used by the API.'
              }
              required
              readOnly={Boolean(workflow)}
              maxLength={100}
              autoComplete="off"
              controlClassName="font-mono"
            />
            <TextField
              name="name"
              id="workflow-name"
              label="Name"
              required
              maxLength={200}
              autoComplete="off"
            />
            <TextareaField
              name="description"
              id="workflow-description"
              label="Description"
              rows={2}
              maxLength={2000}
              className="sm:col-span-2"
            />
            <CheckboxField name="enabled" id="workflow-enabled" label="Enabled" />
          </CardContent>
        </Card>
        <StepsEditor readOnly={!isAdmin} />
      </fieldset>
      {isAdmin ? (
        <SaveFooter pending={save.isPending} editing={Boolean(workflow)} createLabel="Create workflow" />
      ) : null}
    </MutationForm>
  );
}
