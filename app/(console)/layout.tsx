import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { signedInUser } from '@/components/auth/signed-in-user';
import { ConsoleShell } from '@/components/layout/console-shell';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // The role comes from the database, not the session, so a demotion shows at once.
  const user = await signedInUser();
  if (!user) redirect('/sign-in');
  return <ConsoleShell viewer={{ email: user.email, role: user.role }}>{children}</ConsoleShell>;
}
