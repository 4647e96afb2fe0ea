'use client';

import type { FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { ApiKeyScope } from '@/lib/api-keys/schemas';
import { errorMessage, ProblemError } from '@/lib/client/api';
import { type CreatedApiKey, useCreateApiKey } from './queries';

export function CreateApiKeyForm({ onCreated }: { onCreated: (created: CreatedApiKey) => void }) {
  const create = useCreateApiKey();
  const fields = create.error instanceof ProblemError ? create.error.fieldErrors() : {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const input = { name: String(form.get('name') ?? ''), scope: String(form.get('scope')) as ApiKeyScope };
    create.mutate(input, {
      onSuccess: (created) => {
        formElement.reset();
        onCreated(created);
      },
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>New API key</CardTitle>
        <CardDescription>
          Trigger keys can only send events; admin keys can also change configuration through the API.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="flex flex-col gap-3">
          {create.error ? <Alert tone="error">{errorMessage(create.error)}</Alert> : null}
          <div className="flex flex-wrap items-start gap-3">
            <Field id="api-key-name" label="Name" error={fields.name} className="min-w-56 flex-1">
              <Input
                id="api-key-name"
                name="name"
                required
                maxLength={100}
                placeholder="e.g. checkout-service"
                autoComplete="off"
                {...describedBy('api-key-name', fields.name)}
              />
            </Field>
            <Field id="api-key-scope" label="Scope" error={fields.scope} className="w-40">
              <Select
                id="api-key-scope"
                name="scope"
                defaultValue="trigger"
                {...describedBy('api-key-scope', fields.scope)}
              >
                <option value="admin">admin</option>
                <option value="trigger">trigger</option>
              </Select>
            </Field>
            <Button type="submit" className="mt-[22px]" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create API key'}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
