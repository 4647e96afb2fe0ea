import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SetupForm } from '@/components/auth/setup-form';
import { countUsers } from '@/lib/users/service';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Set up' };

export default async function SetupPage() {
  if ((await countUsers()) > 0) redirect('/sign-in');
  return (
    <AuthCard
      title="Create the first admin"
      description="Switchboard has no users yet. This administrator can add everyone else."
    >
      <SetupForm />
    </AuthCard>
  );
}
