import type { Metadata } from 'next';
import { NotBuiltPage } from '@/components/layout/not-built-page';

export const metadata: Metadata = { title: 'Workflows' };

export default function WorkflowsPage() {
  return (
    <NotBuiltPage
      title="Workflows"
      description="Workflows that route an event through conditions, delays and channel steps arrive with the workflow engine."
    />
  );
}
