'use client';

import type { FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { errorMessage, ProblemError } from '@/lib/client/api';
import type { Role } from '@/lib/users/schemas';
import { useCreateUser } from './queries';

export function AddUserForm() {
  const create = useCreateUser();
  const fields = create.error instanceof ProblemError ? create.error.fieldErrors() : {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const name = String(form.get('name') ?? '').trim();
    const input = {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      role: String(form.get('role')) as Role,
      ...(name ? { name } : {}),
    };
    create.mutate(input, { onSuccess: () => formElement.reset() });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>New user</CardTitle>
        <CardDescription>
          Admins change configuration; viewers can see everything but change nothing. Share the password with
          the new user yourself.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="flex flex-col gap-3">
          {create.error ? <Alert tone="error">{errorMessage(create.error)}</Alert> : null}
          {create.isSuccess ? (
            <Alert tone="success" role="status">
              Added {create.data.email}.
            </Alert>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_8rem_auto] lg:items-start">
            <Field id="user-email" label="E-mail" error={fields.email}>
              <Input
                id="user-email"
                name="email"
                type="email"
                required
                autoComplete="off"
                {...describedBy('user-email', fields.email)}
              />
            </Field>
            <Field id="user-name" label="Name" hint="Optional." error={fields.name}>
              <Input
                id="user-name"
                name="name"
                autoComplete="off"
                {...describedBy('user-name', fields.name, true)}
              />
            </Field>
            <Field id="user-password" label="Password" error={fields.password}>
              <Input
                id="user-password"
                name="password"
                type="password"
                required
                autoComplete="new-password"
                {...describedBy('user-password', fields.password)}
              />
            </Field>
            <Field id="user-role" label="Role" error={fields.role}>
              <Select
                id="user-role"
                name="role"
                defaultValue="viewer"
                {...describedBy('user-role', fields.role)}
              >
                <option value="admin">admin</option>
                <option value="viewer">viewer</option>
              </Select>
            </Field>
            <Button type="submit" className="lg:mt-[22px]" disabled={create.isPending}>
              {create.isPending ? 'Adding…' : 'Add user'}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
