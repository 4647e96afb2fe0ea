'use client';

import { SelectField, TextField } from '@/components/forms/form-fields';
import { SubmitButton } from '@/components/forms/form-footer';
import { MutationForm } from '@/components/forms/mutation-form';
import { setServerErrors } from '@/components/forms/server-errors';
import { useZodForm } from '@/components/forms/use-zod-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { type ApiKeyScope, createApiKeySchema } from '@/lib/api-keys/schemas';
import { type CreatedApiKey, useCreateApiKey } from './queries';

const EMPTY = { name: '', scope: 'trigger' as ApiKeyScope };

/** Creates an API key; validated by the API's own schema (createApiKeySchema). */
export function CreateApiKeyForm({ onCreated }: { onCreated: (created: CreatedApiKey) => void }) {
  const create = useCreateApiKey();
  const form = useZodForm(createApiKeySchema, { defaultValues: EMPTY });
  const submit = form.handleSubmit((input) =>
    create.mutate(input, {
      onSuccess: (created) => {
        form.reset(EMPTY);
        onCreated(created);
      },
      onError: (error) => setServerErrors(error, form.setError),
    }),
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle>New API key</CardTitle>
        <CardDescription>
          Trigger keys can only send events; admin keys can also change configuration through the API.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <MutationForm form={form} mutation={create} onSubmit={submit} className="flex flex-col gap-3">
          <div className="flex flex-wrap items-start gap-3">
            <TextField
              name="name"
              id="api-key-name"
              label="Name"
              className="min-w-56 flex-1"
              required
              maxLength={100}
              placeholder="e.g. checkout-service"
              autoComplete="off"
            />
            <SelectField name="scope" id="api-key-scope" label="Scope" className="w-40">
              <option value="admin">admin</option>
              <option value="trigger">trigger</option>
            </SelectField>
            <SubmitButton pending={create.isPending} pendingLabel="Creating…" className="mt-[22px]">
              Create API key
            </SubmitButton>
          </div>
        </MutationForm>
      </CardContent>
    </Card>
  );
}
