'use client';

import Link from 'next/link';
import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { buttonVariants } from '@/components/ui/button';
import { WorkflowsTable } from './workflows-table';

export function WorkflowsView() {
  const isAdmin = useIsAdmin();
  return (
    <>
      <PageHeader
        title="Workflows"
        description="What happens when an event arrives: which messages go out, through which channels, when."
        actions={
          isAdmin ? (
            <Link href="/workflows/new" className={buttonVariants()}>
              New workflow
            </Link>
          ) : null
        }
      />
      <WorkflowsTable />
    </>
  );
}
