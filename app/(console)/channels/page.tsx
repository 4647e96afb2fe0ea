import type { Metadata } from 'next';
import { ChannelsView } from '@/components/channels/channels-view';

export const metadata: Metadata = { title: 'Channels' };
export const dynamic = 'force-dynamic';

export default function ChannelsPage() {
  return <ChannelsView />;
}
