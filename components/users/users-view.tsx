'use client';

import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { AddUserForm } from './add-user-form';
import { UsersTable } from './users-table';

export function UsersView() {
  const isAdmin = useIsAdmin();
  return (
    <>
      <PageHeader title="Users" description="People who can sign in to this console." />
      {isAdmin ? <AddUserForm /> : <Alert>Viewers can see users but cannot add or change them.</Alert>}
      <UsersTable />
    </>
  );
}
