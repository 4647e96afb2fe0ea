import type { Metadata } from 'next';
import { NotBuiltPage } from '@/components/layout/not-built-page';

export const metadata: Metadata = { title: 'Channels' };

export default function ChannelsPage() {
  return (
    <NotBuiltPage
      title="Channels"
      description="Email, SMS, push, chat and webhook channels, with a Send test button, arrive with the delivery pipeline."
    />
  );
}
