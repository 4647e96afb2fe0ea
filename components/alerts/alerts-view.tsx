'use client';

import Link from 'next/link';
import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { buttonVariants } from '@/components/ui/button';
import { AlertRulesTable } from './alert-rules-table';

export function AlertsView() {
  const isAdmin = useIsAdmin();
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Rules evaluated by one worker at a time; each notifies through your channels when it fires and when it resolves."
        actions={
          isAdmin ? (
            <Link href="/alerts/new" className={buttonVariants()}>
              New alert rule
            </Link>
          ) : null
        }
      />
      {isAdmin ? <AlertRulesTable /> : <Alert>Only admins can see and manage alert rules.</Alert>}
    </>
  );
}
