'use client';

import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { errorMessage } from '@/lib/client/api';
import { ChannelForm } from './channel-form';
import { useProviders } from './queries';

export function NewChannelView() {
  const isAdmin = useIsAdmin();
  const providers = useProviders();
  return (
    <>
      <PageHeader title="New channel" description="Pick a provider, then fill in its settings." />
      {!isAdmin ? (
        <Alert>Only admins can create channels.</Alert>
      ) : providers.isPending ? (
        <p className="text-sm text-slate-500">Loading providers…</p>
      ) : providers.isError ? (
        <Alert tone="error">{errorMessage(providers.error)}</Alert>
      ) : (
        <ChannelForm providers={providers.data} />
      )}
    </>
  );
}
