'use client';

import dynamic from 'next/dynamic';
import { PageHeader } from '@/components/layout/page-header';

// Scalar is a large Vue application that touches `window` as it loads: it is fetched only on this page and never
// rendered on the server.
const ScalarReference = dynamic(() => import('./scalar-reference'), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-500">Loading the API reference…</p>,
});

export function ApiReferenceView() {
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            The REST API as described by{' '}
            <a className="underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            . Requests sent from here use your console session.
          </>
        }
      />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        <ScalarReference />
      </div>
    </>
  );
}
