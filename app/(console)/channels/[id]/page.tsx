import type { Metadata } from 'next';
import { ChannelDetailView } from '@/components/channels/channel-detail-view';

export const metadata: Metadata = { title: 'Channel' };
export const dynamic = 'force-dynamic';

export default async function ChannelPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ChannelDetailView id={id} />;
}
