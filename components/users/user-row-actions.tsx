'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import type { UserView } from '@/lib/users/schemas';
import { useDeleteUser, useUpdateUser } from './queries';

interface UserRowActionsProps {
  user: UserView;
  /** The signed-in admin's own row: after a change the layout reloads to pick up the new role. */
  isSelf: boolean;
  /** Reports a failure to the table, which shows it above the rows; cleared when an action starts. */
  setError: (error: unknown) => void;
}

export function UserRowActions({ user, isSelf, setError }: UserRowActionsProps) {
  const router = useRouter();
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const pending = update.isPending || remove.isPending;
  const nextRole = user.role === 'admin' ? 'viewer' : 'admin';

  /** Runs a change; a change to your own account reloads the layout, which re-reads your role or signs you out. */
  function run(change: Promise<unknown>) {
    setError(null);
    change.then(() => isSelf && router.refresh(), setError);
  }

  function changeRole() {
    run(update.mutateAsync({ id: user.id, patch: { role: nextRole } }));
  }

  function toggleDisabled() {
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
      <Button variant="secondary" size="sm" onClick={toggleDisabled} disabled={pending}>
        {user.disabled ? 'Enable' : 'Disable'}
      </Button>
      <Button variant="destructive-outline" size="sm" onClick={deleteUser} disabled={pending}>
        Delete
      </Button>
    </div>
  );
}
