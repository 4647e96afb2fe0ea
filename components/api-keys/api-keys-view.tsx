'use client';

import { useState } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { ApiKeysTable } from './api-keys-table';
import { CreateApiKeyForm } from './create-api-key-form';
import { NewApiKeyPanel } from './new-api-key-panel';
import type { CreatedApiKey } from './queries';

export function ApiKeysView() {
  const isAdmin = useIsAdmin();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  return (
    <>
      <PageHeader title="API keys" description="Keys that services use to send events and call the API." />
      {created ? <NewApiKeyPanel created={created} onDone={() => setCreated(null)} /> : null}
      {isAdmin ? (
        <CreateApiKeyForm onCreated={setCreated} />
      ) : (
        <Alert>Viewers can see API keys but cannot create or revoke them.</Alert>
      )}
      <ApiKeysTable />
    </>
  );
}
