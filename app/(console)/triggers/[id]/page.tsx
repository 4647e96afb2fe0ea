import type { Metadata } from 'next';
import { TriggerDetailView } from '@/components/triggers/trigger-detail-view';

export const metadata: Metadata = { title: 'Trigger' };
export const dynamic = 'force-dynamic';

export default async function TriggerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TriggerDetailView id={id} />;
}
