import type { Metadata } from 'next';
import { NewWorkflowView } from '@/components/workflows/new-workflow-view';

export const metadata: Metadata = { title: 'New workflow' };
export const dynamic = 'force-dynamic';

export default function NewWorkflowPage() {
  return <NewWorkflowView />;
}
