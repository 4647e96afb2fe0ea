import type { Metadata } from 'next';
import { MessagesView } from '@/components/messages/messages-view';

export const metadata: Metadata = { title: 'Messages' };
export const dynamic = 'force-dynamic';

/** The filters are read from the URL by the view itself (components/messages/use-message-filter-url.ts). */
export default function MessagesPage() {
  return <MessagesView />;
}
