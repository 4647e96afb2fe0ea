'use client';

import { signOut } from 'next-auth/react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useViewer } from './viewer-context';

export function UserMenu() {
  const { email, role } = useViewer();
  return (
    <div className="flex items-center gap-3">
      <span className="truncate text-sm text-slate-700" title={email}>
        {email}
      </span>
      <Badge tone={role === 'admin' ? 'info' : 'neutral'}>{role}</Badge>
      <Button variant="secondary" size="sm" onClick={() => signOut({ callbackUrl: '/sign-in' })}>
        Sign out
      </Button>
    </div>
  );
}
