import type { Metadata } from 'next';
import { NotBuiltPage } from '@/components/layout/not-built-page';

export const metadata: Metadata = { title: 'Events' };

export default function EventsPage() {
  return (
    <NotBuiltPage
      title="Events"
      description="Incoming events, with their payload and the workflow runs they started, arrive with event ingestion."
    />
  );
}
