'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { UserView } from '@/lib/users/schemas';
import { useDeleteUser, useUpdateUser } from './queries';
import { ResetPasswordDialog } from './reset-password-dialog';

interface UserRowActionsProps {
  user: UserView;
  /** The signed-in admin's own row: after a change the layout reloads to pick up the new role. */
  isSelf: boolean;
}

export function UserRowActions({ user, isSelf }: UserRowActionsProps) {
  const router = useRouter();
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const pending = update.isPending || remove.isPending;
  const nextRole = user.role === 'admin' ? 'viewer' : 'admin';
  const [resetting, setResetting] = useState(false);

  /**
   * Runs a change (a toast reports the outcome); a change to your own account reloads the layout, which re-reads
   * your role or signs you out.
   */
  function run(change: Promise<unknown>) {
    change.then(
      () => isSelf && router.refresh(),
      () => undefined,
    );
  }

  function changeRole() {
    run(update.mutateAsync({ id: user.id, patch: { role: nextRole } }));
  }

  /** Disabling ends the user's sessions and stops sign-in; it is asked for first. */
  function toggleDisabled() {
    if (!user.disabled) {
      const who = isSelf ? 'your own account (you will be signed out)' : user.email;
      if (!window.confirm(`Disable ${who}? Their sessions end and they cannot sign in until enabled again.`))
        return;
    }
    run(update.mutateAsync({ id: user.id, patch: { disabled: !user.disabled } }));
  }

  function deleteUser() {
    const who = isSelf ? 'your own account' : user.email;
    if (!window.confirm(`Delete ${who}? This cannot be undone.`)) return;
    run(remove.mutateAsync(user.id));
  }

  return (
    <div className="flex justify-end gap-1.5">
      <Button variant="secondary" size="sm" onClick={changeRole} disabled={pending}>
        {nextRole === 'admin' ? 'Make admin' : 'Make viewer'}
      </Button>
      <Button variant="secondary" size="sm" onClick={() => setResetting(true)} disabled={pending}>
        Reset password
      </Button>
      <Button variant="secondary" size="sm" onClick={toggleDisabled} disabled={pending}>
        {user.disabled ? 'Enable' : 'Disable'}
      </Button>
      <Button variant="destructive-outline" size="sm" onClick={deleteUser} disabled={pending}>
        Delete
      </Button>
      <ResetPasswordDialog
        user={resetting ? user : null}
        isSelf={isSelf}
        onClose={() => setResetting(false)}
        onDone={() => {
          setResetting(false);
          if (isSelf) router.refresh();
        }}
      />
    </div>
  );
}
