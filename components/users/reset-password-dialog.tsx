'use client';

import { useEffect, useId, useRef } from 'react';
import { FormProvider } from 'react-hook-form';
import { z } from 'zod';
import { TextField } from '@/components/forms/form-fields';
import { SubmitButton } from '@/components/forms/form-footer';
import { setServerErrors } from '@/components/forms/server-errors';
import { useZodForm } from '@/components/forms/use-zod-form';
import { Button } from '@/components/ui/button';
import { passwordSchema } from '@/lib/auth/password-policy';
import type { UserView } from '@/lib/users/schemas';
import { useUpdateUser } from './queries';

/** The API's own password rule: a too-short password is flagged here, before anything is sent. */
const resetPasswordSchema = z.object({ password: passwordSchema });
const EMPTY = { password: '' };

interface ResetPasswordDialogProps {
  /** The user whose password is reset, or null while closed. */
  user: UserView | null;
  isSelf: boolean;
  onClose: () => void;
  onDone: () => void;
}

/**
 * Sets a new password for a user (admins share it with the user themselves). The user's sessions end with it:
 * they sign in again with the new password. A refusal is toasted by the mutation; the password's own message
 * shows next to the field.
 */
export function ResetPasswordDialog({ user, isSelf, onClose, onDone }: ResetPasswordDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  // Every row of the users table has its own dialog: ids of their own, or the labels would name the first row's.
  const titleId = useId();
  const passwordId = useId();
  const update = useUpdateUser();
  const form = useZodForm(resetPasswordSchema, { defaultValues: EMPTY });
  const { reset } = form;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (user && !dialog.open) {
      reset(EMPTY);
      update.reset();
      dialog.showModal();
    } else if (!user && dialog.open) dialog.close();
  }, [user, reset, update.reset]);

  const submit = form.handleSubmit(({ password }) => {
    if (!user) return;
    update.mutate(
      { id: user.id, patch: { password } },
      { onSuccess: onDone, onError: (error) => setServerErrors(error, form.setError) },
    );
  });

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <FormProvider {...form}>
        <form onSubmit={submit} noValidate className="flex flex-col gap-4 p-5">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            Reset password of {user?.email}
          </h2>
          <p className="text-sm text-slate-700">
            {isSelf
              ? 'You will be signed out and sign in again with the new password.'
              : 'Their sessions end now; share the new password with them yourself.'}
          </p>
          <TextField
            name="password"
            id={passwordId}
            label="New password"
            type="password"
            autoComplete="new-password"
            required
          />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose} disabled={update.isPending}>
              Cancel
            </Button>
            <SubmitButton pending={update.isPending} pendingLabel="Saving…">
              Set password
            </SubmitButton>
          </div>
        </form>
      </FormProvider>
    </dialog>
  );
}
