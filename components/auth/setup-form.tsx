'use client';

import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { FormProvider } from 'react-hook-form';
import { z } from 'zod';
import { FormAlerts } from '@/components/forms/form-alerts';
import { TextField } from '@/components/forms/form-fields';
import { setServerErrors } from '@/components/forms/server-errors';
import { blankAsUndefined, pipeTo } from '@/components/forms/text-values';
import { useZodForm } from '@/components/forms/use-zod-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
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
    <FormProvider {...form}>
      <form
        onSubmit={(event) => {
          createAdmin.reset();
          void submit(event);
        }}
        noValidate
        className="flex flex-col gap-4"
      >
        <FormAlerts error={createAdmin.error} />
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
        <Button type="submit" size="lg" disabled={pending}>
          {pending ? 'Creating…' : 'Create admin'}
        </Button>
      </form>
    </FormProvider>
  );
}
