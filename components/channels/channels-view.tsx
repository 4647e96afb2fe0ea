'use client';

import Link from 'next/link';
import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { buttonVariants } from '@/components/ui/button';
import { ChannelList } from './channel-list';

export function ChannelsView() {
  const isAdmin = useIsAdmin();
  return (
    <>
      <PageHeader
        title="Channels"
        description="Providers that workflows deliver through; health and success rates refresh every 10 seconds."
        actions={
          isAdmin ? (
            <Link href="/channels/new" className={buttonVariants()}>
              New channel
            </Link>
          ) : null
        }
      />
      <ChannelList />
    </>
  );
}
