'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { type TriggerView, useDeleteTrigger } from './queries';

export function DeleteTriggerButton({
  trigger,
  setError,
}: {
  trigger: TriggerView;
  setError: (error: unknown) => void;
}) {
  const router = useRouter();
  const remove = useDeleteTrigger(() => router.push('/triggers'));

  function onClick() {
    if (!window.confirm(`Delete the trigger “${trigger.name}”? This cannot be undone.`)) return;
    setError(null);
    remove.mutate(trigger.id, { onError: setError });
  }

  return (
    <Button variant="destructive-outline" onClick={onClick} disabled={remove.isPending}>
      {remove.isPending ? 'Deleting…' : 'Delete'}
    </Button>
  );
}
