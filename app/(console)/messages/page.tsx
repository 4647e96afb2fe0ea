import type { Metadata } from 'next';
import { NotBuiltPage } from '@/components/layout/not-built-page';

export const metadata: Metadata = { title: 'Messages' };

export default function MessagesPage() {
  return (
    <NotBuiltPage
      title="Messages"
      description="Every message sent, with its channel, recipient and delivery attempts, arrives with the delivery pipeline."
    />
  );
}
