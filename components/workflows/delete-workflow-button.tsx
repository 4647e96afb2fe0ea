'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { useDeleteWorkflow, type WorkflowView } from './queries';

export function DeleteWorkflowButton({
  workflow,
  setError,
}: {
  workflow: WorkflowView;
  setError: (error: unknown) => void;
}) {
  const router = useRouter();
  const remove = useDeleteWorkflow(() => router.push('/workflows'));

  function onClick() {
    if (!window.confirm(`Delete the workflow “${workflow.name}”? This cannot be undone.`)) return;
    setError(null);
    remove.mutate(workflow.key, { onError: setError });
  }

  return (
    <Button variant="destructive-outline" onClick={onClick} disabled={remove.isPending}>
      {remove.isPending ? 'Deleting…' : 'Delete'}
    </Button>
  );
}
