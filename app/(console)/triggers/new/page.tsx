import type { Metadata } from 'next';
import { NewTriggerView } from '@/components/triggers/new-trigger-view';

export const metadata: Metadata = { title: 'New trigger' };
export const dynamic = 'force-dynamic';

export default function NewTriggerPage() {
  return <NewTriggerView />;
}
