import type { Metadata } from 'next';
import { WorkflowsView } from '@/components/workflows/workflows-view';

export const metadata: Metadata = { title: 'Workflows' };
export const dynamic = 'force-dynamic';

export default function WorkflowsPage() {
  return <WorkflowsView />;
}
