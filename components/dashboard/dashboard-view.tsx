import { HealthSummary } from '@/components/health/health-summary';
import { PageHeader } from '@/components/layout/page-header';
import { DeliveryStats } from './delivery-stats';

export function DashboardView() {
  return (
    <>
      <PageHeader title="Dashboard" description="The state of this Switchboard installation." />
      <DeliveryStats />
      <div className="grid gap-4 md:grid-cols-2">
        <HealthSummary />
      </div>
    </>
  );
}
