'use client';

import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { errorMessage, ProblemError } from '@/lib/client/api';
import { useCreateFirstAdmin } from './queries';
import { signInErrorMessage } from './sign-in-error';

export function SetupForm() {
  const router = useRouter();
  const createAdmin = useCreateFirstAdmin();
  const [error, setError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const fields = createAdmin.error instanceof ProblemError ? createAdmin.error.fieldErrors() : {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    const name = String(form.get('name') ?? '').trim();
    setError(null);
    createAdmin.mutate(
      { email, password, ...(name ? { name } : {}) },
      {
        onError: (failure) => setError(errorMessage(failure)),
        onSuccess: async () => {
          setSigningIn(true);
          const result = await signIn('credentials', { email, password, redirect: false }).catch(
            () => undefined,
          );
          if (!result?.ok || result.error) {
            setSigningIn(false);
            setError(
              `The administrator was created, but signing in failed: ${signInErrorMessage(result?.error)}`,
            );
            return;
          }
          router.replace('/');
          router.refresh();
        },
      },
    );
  }

  const pending = createAdmin.isPending || signingIn;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field id="setup-email" label="E-mail" error={fields.email}>
        <Input
          id="setup-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          {...describedBy('setup-email', fields.email)}
        />
      </Field>
      <Field id="setup-name" label="Name" hint="Optional." error={fields.name}>
        <Input
          id="setup-name"
          name="name"
          autoComplete="name"
          {...describedBy('setup-name', fields.name, true)}
        />
      </Field>
      <Field id="setup-password" label="Password" error={fields.password}>
        <Input
          id="setup-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          {...describedBy('setup-password', fields.password)}
        />
      </Field>
      <Button type="submit" size="lg" disabled={pending}>
        {pending ? 'Creating…' : 'Create admin'}
      </Button>
    </form>
  );
}
