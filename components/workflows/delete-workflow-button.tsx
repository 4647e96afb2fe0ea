'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { useDeleteWorkflow, type WorkflowView } from './queries';

export function DeleteWorkflowButton({ workflow }: { workflow: WorkflowView }) {
  const router = useRouter();
  const remove = useDeleteWorkflow(() => router.push('/workflows'));

  function onClick() {
    if (!window.confirm(`Delete the workflow “${workflow.name}”? This cannot be undone.`)) return;
    remove.mutate(workflow.key);
  }

  return (
    <Button variant="destructive-outline" onClick={onClick} disabled={remove.isPending}>
      {remove.isPending ? 'Deleting…' : 'Delete'}
    </Button>
  );
}
