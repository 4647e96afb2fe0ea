'use client';

import { useViewer } from '@/components/layout/viewer-context';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import type { UserView } from '@/lib/users/schemas';
import { useUsers } from './queries';
import { UserRowActions } from './user-row-actions';

const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function UsersTable() {
  const viewer = useViewer();
  const isAdmin = viewer.role === 'admin';
  const users = useUsers();

  const columns: (ListColumn<UserView> | false)[] = [
    {
      id: 'email',
      header: 'Email',
      className: 'font-medium text-slate-900',
      cell: (user) => (
        <>
          {user.email}
          {sameEmail(user.email, viewer.email) ? (
            <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span>
          ) : null}
        </>
      ),
    },
    { id: 'name', header: 'Name', cell: (user) => user.name ?? <span className="text-slate-400">—</span> },
    {
      id: 'role',
      header: 'Role',
      cell: (user) => <Badge tone={user.role === 'admin' ? 'info' : 'neutral'}>{user.role}</Badge>,
    },
    {
      id: 'status',
      header: 'Status',
      cell: (user) =>
        user.disabled ? (
          <Badge tone="danger">Disabled</Badge>
        ) : (
          <Badge tone="success" dot>
            Active
          </Badge>
        ),
    },
    {
      id: 'last-sign-in',
      header: 'Last sign-in',
      cell: (user) => <DateTime value={user.last_login_at} empty="never" />,
    },
    isAdmin && {
      id: 'actions',
      header: <span className="sr-only">Actions</span>,
      cell: (user) => <UserRowActions user={user} isSelf={sameEmail(user.email, viewer.email)} />,
    },
  ];

  return (
    <ListTable
      label="Users"
      query={users}
      columns={columns}
      rowKey={(user) => user.id}
      loadingLabel="Loading users…"
      empty={{ title: 'No users', description: 'Add the people who run notifications with the form above.' }}
    />
  );
}
