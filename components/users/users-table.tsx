'use client';

import { useState } from 'react';
import { useViewer } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/client/api';
import { useUsers } from './queries';
import { UserRowActions } from './user-row-actions';

export function UsersTable() {
  const viewer = useViewer();
  const isAdmin = viewer.role === 'admin';
  const users = useUsers();
  const [actionError, setActionError] = useState<unknown>(null);

  if (users.isPending) return <p className="text-sm text-slate-500">Loading users…</p>;
  if (users.isError) return <Alert tone="error">{errorMessage(users.error)}</Alert>;

  return (
    <div className="flex flex-col gap-3">
      {actionError ? <Alert tone="error">{errorMessage(actionError)}</Alert> : null}
      <Card className="overflow-hidden">
        {users.data.length === 0 ? (
          <EmptyState title="No users" />
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Email</TableHead>
                <TableHead>Name</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Last sign-in</TableHead>
                {isAdmin ? (
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                ) : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.data.map((user) => {
                const isSelf = user.email.toLowerCase() === viewer.email.toLowerCase();
                return (
                  <TableRow key={user.id}>
                    <TableCell className="font-medium text-slate-900">
                      {user.email}
                      {isSelf ? (
                        <span className="ml-1.5 text-xs font-normal text-slate-400">(you)</span>
                      ) : null}
                    </TableCell>
                    <TableCell>{user.name ?? <span className="text-slate-400">—</span>}</TableCell>
                    <TableCell>
                      <Badge tone={user.role === 'admin' ? 'info' : 'neutral'}>{user.role}</Badge>
                    </TableCell>
                    <TableCell>
                      {user.disabled ? (
                        <Badge tone="danger">Disabled</Badge>
                      ) : (
                        <Badge tone="success" dot>
                          Active
                        </Badge>
                      )}
                    </TableCell>
                    <TableCell>
                      <DateTime value={user.last_login_at} empty="never" />
                    </TableCell>
                    {isAdmin ? (
                      <TableCell>
                        <UserRowActions user={user} isSelf={isSelf} setError={setActionError} />
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
