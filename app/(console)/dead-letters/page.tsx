import type { Metadata } from 'next';
import { DeadLettersView } from '@/components/dead-letters/dead-letters-view';

export const metadata: Metadata = { title: 'Dead letters' };
export const dynamic = 'force-dynamic';

export default function DeadLettersPage() {
  return <DeadLettersView />;
}
