'use client';

import { z } from 'zod';
import { SelectField, TextField } from '@/components/forms/form-fields';
import { SubmitButton } from '@/components/forms/form-footer';
import { MutationForm } from '@/components/forms/mutation-form';
import { setServerErrors } from '@/components/forms/server-errors';
import { blankAsUndefined, pipeTo } from '@/components/forms/text-values';
import { useZodForm } from '@/components/forms/use-zod-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { createUserSchema, type Role, roleSchema } from '@/lib/users/schemas';
import { useCreateUser } from './queries';

const { shape } = createUserSchema;
/** The API's user schema; an empty Name is left out. */
const addUserSchema = pipeTo(
  z.object({
    email: shape.email,
    name: pipeTo(blankAsUndefined, shape.name),
    password: shape.password,
    role: roleSchema,
  }),
  createUserSchema,
);
const EMPTY = { email: '', name: '', password: '', role: 'viewer' as Role };

export function AddUserForm() {
  const create = useCreateUser();
  const form = useZodForm(addUserSchema, { defaultValues: EMPTY });
  const submit = form.handleSubmit((input) =>
    create.mutate(input, {
      onSuccess: () => form.reset(EMPTY),
      onError: (error) => setServerErrors(error, form.setError),
    }),
  );

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
        <MutationForm
          form={form}
          mutation={create}
          onSubmit={submit}
          saved={create.isSuccess ? `Added ${create.data.email}.` : undefined}
          className="flex flex-col gap-3"
        >
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_8rem_auto] lg:items-start">
            <TextField name="email" id="user-email" label="E-mail" type="email" required autoComplete="off" />
            <TextField name="name" id="user-name" label="Name" hint="Optional." autoComplete="off" />
            <TextField
              name="password"
              id="user-password"
              label="Password"
              type="password"
              required
              autoComplete="new-password"
            />
            <SelectField name="role" id="user-role" label="Role">
              <option value="admin">admin</option>
              <option value="viewer">viewer</option>
            </SelectField>
            <SubmitButton pending={create.isPending} pendingLabel="Adding…" className="lg:mt-[22px]">
              Add user
            </SubmitButton>
          </div>
        </MutationForm>
      </CardContent>
    </Card>
  );
}
