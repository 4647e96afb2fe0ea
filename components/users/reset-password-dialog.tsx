'use client';

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { ProblemError } from '@/lib/client/api';
import type { UserView } from '@/lib/users/schemas';
import { useUpdateUser } from './queries';

interface ResetPasswordDialogProps {
  /** The user whose password is reset, or null while closed. */
  user: UserView | null;
  isSelf: boolean;
  onClose: () => void;
  onDone: () => void;
}

/**
 * Sets a new password for a user (admins share it with the user themselves). The user's sessions end with it:
 * they sign in again with the new password.
 */
export function ResetPasswordDialog({ user, isSelf, onClose, onDone }: ResetPasswordDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const update = useUpdateUser();
  const [password, setPassword] = useState('');
  const error = update.error instanceof ProblemError ? update.error.fieldErrors().password : undefined;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (user && !dialog.open) {
      setPassword('');
      update.reset();
      dialog.showModal();
    } else if (!user && dialog.open) dialog.close();
  }, [user, update.reset]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!user) return;
    update.mutate({ id: user.id, patch: { password } }, { onSuccess: onDone });
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby="reset-password-title"
      onClose={onClose}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <form onSubmit={submit} className="flex flex-col gap-4 p-5">
        <h2 id="reset-password-title" className="text-base font-semibold text-slate-900">
          Reset password of {user?.email}
        </h2>
        <p className="text-sm text-slate-700">
          {isSelf
            ? 'You will be signed out and sign in again with the new password.'
            : 'Their sessions end now; share the new password with them yourself.'}
        </p>
        <Field id="reset-password" label="New password" error={error}>
          <Input
            id="reset-password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            {...describedBy('reset-password', error)}
          />
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={update.isPending}>
            Cancel
          </Button>
          <Button type="submit" disabled={update.isPending || !password}>
            {update.isPending ? 'Saving…' : 'Set password'}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
