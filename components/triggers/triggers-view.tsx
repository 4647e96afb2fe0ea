'use client';

import Link from 'next/link';
import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { buttonVariants } from '@/components/ui/button';
import { TriggerList } from './trigger-list';

export function TriggersView() {
  const isAdmin = useIsAdmin();
  return (
    <>
      <PageHeader
        title="Triggers"
        description="Which events start which workflow; consumer state and lag refresh every 5 seconds."
        actions={
          isAdmin ? (
            <Link href="/triggers/new" className={buttonVariants()}>
              New trigger
            </Link>
          ) : null
        }
      />
      <TriggerList />
    </>
  );
}
