import type { Metadata } from 'next';
import { NewChannelView } from '@/components/channels/new-channel-view';

export const metadata: Metadata = { title: 'New channel' };
export const dynamic = 'force-dynamic';

export default function NewChannelPage() {
  return <NewChannelView />;
}
