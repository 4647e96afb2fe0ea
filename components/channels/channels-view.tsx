'use client';

import Link from 'next/link';
import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { buttonVariants } from '@/components/ui/button';
import { ChannelsTable } from './channels-table';

export function ChannelsView() {
  const isAdmin = useIsAdmin();
  return (
    <>
      <PageHeader
        title="Channels"
        description="Providers that workflows deliver through: e-mail servers, webhooks and more."
        actions={
          isAdmin ? (
            <Link href="/channels/new" className={buttonVariants()}>
              New channel
            </Link>
          ) : null
        }
      />
      <ChannelsTable />
    </>
  );
}
