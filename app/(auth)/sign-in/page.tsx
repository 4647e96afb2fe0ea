import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/sign-in-form';
import { signedInUser } from '@/components/auth/signed-in-user';
import { countUsers } from '@/lib/users/service';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

interface SignInPageProps {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  if ((await countUsers()) === 0) redirect('/setup');
  if (await signedInUser()) redirect('/');
  const { callbackUrl } = await searchParams;
  return (
    <AuthCard title="Sign in" description="Use the e-mail and password an administrator gave you.">
      <SignInForm callbackUrl={typeof callbackUrl === 'string' ? callbackUrl : undefined} />
    </AuthCard>
  );
}
