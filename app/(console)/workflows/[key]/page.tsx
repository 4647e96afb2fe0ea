import type { Metadata } from 'next';
import { WorkflowDetailView } from '@/components/workflows/workflow-detail-view';

export const metadata: Metadata = { title: 'Workflow' };
export const dynamic = 'force-dynamic';

export default async function WorkflowPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  return <WorkflowDetailView workflowKey={key} />;
}
