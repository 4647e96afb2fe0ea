'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { type TriggerView, useDeleteTrigger } from './queries';

export function DeleteTriggerButton({ trigger }: { trigger: TriggerView }) {
  const router = useRouter();
  const remove = useDeleteTrigger(() => router.push('/triggers'));

  function onClick() {
    if (!window.confirm(`Delete the trigger “${trigger.name}”? This cannot be undone.`)) return;
    remove.mutate(trigger.id);
  }

  return (
    <Button variant="destructive-outline" onClick={onClick} disabled={remove.isPending}>
      {remove.isPending ? 'Deleting…' : 'Delete'}
    </Button>
  );
}
