import { Suspense } from 'react';
import { HealthSummary } from '@/components/health/health-summary';
import { PageHeader } from '@/components/layout/page-header';
import { DeliveryStats } from './delivery-stats';
import { StatsSkeleton } from './stats-skeleton';

export function DashboardView() {
  return (
    <>
      <PageHeader title="Dashboard" description="The state of this Switchboard installation." />
      {/* The range comes from the URL's search params, which are known only in the browser for a static shell. */}
      <Suspense fallback={<StatsSkeleton />}>
        <DeliveryStats />
      </Suspense>
      <div className="grid gap-4 md:grid-cols-2">
        <HealthSummary />
      </div>
    </>
  );
}
