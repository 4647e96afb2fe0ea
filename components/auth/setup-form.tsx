'use client';

import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { z } from 'zod';
import { TextField } from '@/components/forms/form-fields';
import { SubmitButton } from '@/components/forms/form-footer';
import { MutationForm } from '@/components/forms/mutation-form';
import { setServerErrors } from '@/components/forms/server-errors';
import { blankAsUndefined, pipeTo } from '@/components/forms/text-values';
import { useZodForm } from '@/components/forms/use-zod-form';
import { Alert } from '@/components/ui/alert';
import { setupSchema } from '@/lib/users/schemas';
import { useCreateFirstAdmin } from './queries';
import { signInErrorMessage } from './sign-in-error';

const { shape } = setupSchema;
/** The API's set-up schema; an empty Name is left out. */
const setupFormSchema = pipeTo(
  z.object({ email: shape.email, name: pipeTo(blankAsUndefined, shape.name), password: shape.password }),
  setupSchema,
);

export function SetupForm() {
  const router = useRouter();
  const createAdmin = useCreateFirstAdmin();
  const [signInError, setSignInError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const form = useZodForm(setupFormSchema, { defaultValues: { email: '', name: '', password: '' } });

  const submit = form.handleSubmit((input) => {
    setSignInError(null);
    createAdmin.mutate(input, {
      onError: (failure) => setServerErrors(failure, form.setError),
      onSuccess: async () => {
        setSigningIn(true);
        const result = await signIn('credentials', {
          email: input.email,
          password: input.password,
          redirect: false,
        }).catch(() => undefined);
        if (!result?.ok || result.error) {
          setSigningIn(false);
          setSignInError(
            `The administrator was created, but signing in failed: ${signInErrorMessage(result?.error)}`,
          );
          return;
        }
        router.replace('/');
        router.refresh();
      },
    });
  });

  const pending = createAdmin.isPending || signingIn;
  return (
    <MutationForm form={form} mutation={createAdmin} onSubmit={submit}>
      {signInError ? <Alert tone="error">{signInError}</Alert> : null}
      <TextField
        name="email"
        id="setup-email"
        label="E-mail"
        type="email"
        autoComplete="username"
        required
        autoFocus
      />
      <TextField name="name" id="setup-name" label="Name" hint="Optional." autoComplete="name" />
      <TextField
        name="password"
        id="setup-password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
      />
      <SubmitButton pending={pending} pendingLabel="Creating…" size="lg">
        Create admin
      </SubmitButton>
    </MutationForm>
  );
}
