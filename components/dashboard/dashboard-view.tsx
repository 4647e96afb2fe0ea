import { HealthSummary } from '@/components/health/health-summary';
import { PageHeader } from '@/components/layout/page-header';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';

export function DashboardView() {
  return (
    <>
      <PageHeader title="Dashboard" description="The state of this Switchboard installation." />
      <div className="grid gap-4 md:grid-cols-2">
        <HealthSummary />
        <Card>
          <CardHeader>
            <CardTitle>Delivery</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-sm text-slate-600">
              Delivery statistics arrive with the delivery pipeline: messages sent, failures and latency per
              channel will show here.
            </p>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
