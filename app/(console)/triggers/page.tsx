import type { Metadata } from 'next';
import { TriggersView } from '@/components/triggers/triggers-view';

export const metadata: Metadata = { title: 'Triggers' };
export const dynamic = 'force-dynamic';

export default function TriggersPage() {
  return <TriggersView />;
}
