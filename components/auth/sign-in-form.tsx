'use client';

import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { FormProvider } from 'react-hook-form';
import { TextField } from '@/components/forms/form-fields';
import { useZodForm } from '@/components/forms/use-zod-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { credentialsSchema } from '@/lib/auth/credentials-schema';
import { safeCallbackUrl } from './callback-url';
import { signInErrorMessage } from './sign-in-error';

/** Signs in with e-mail and password; validated by the schema next-auth's credentials provider parses with. */
export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const form = useZodForm(credentialsSchema, { defaultValues: { email: '', password: '' } });

  const submit = form.handleSubmit(async ({ email, password }) => {
    setError(null);
    setPending(true);
    try {
      const result = await signIn('credentials', { redirect: false, email, password });
      if (!result?.ok || result.error) {
        setError(signInErrorMessage(result?.error));
        setPending(false);
        return;
      }
      router.replace(safeCallbackUrl(callbackUrl));
      router.refresh();
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
      setPending(false);
    }
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={(event) => void submit(event)} noValidate className="flex flex-col gap-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <TextField
          name="email"
          id="sign-in-email"
          label="E-mail"
          type="email"
          autoComplete="username"
          required
          autoFocus
        />
        <TextField
          name="password"
          id="sign-in-password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
        />
        <Button type="submit" size="lg" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </FormProvider>
  );
}
