'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { errorMessage } from '@/lib/client/api';
import { FailingChannels } from './failing-channels';
import { STAT_RANGES, type StatRange, useStats } from './queries';
import { RangePicker } from './range-picker';
import { StatTiles } from './stat-tiles';
import { VolumeChart } from './volume-chart';

/** Delivery figures for the chosen range, all computed by GET /api/v1/stats. */
export function DeliveryStats() {
  const [range, setRange] = useState<StatRange>('24h');
  const stats = useStats(range);
  const data = stats.data;
  const { label, spanMs } = STAT_RANGES[range];

  return (
    <section
      aria-labelledby="delivery-stats-title"
      aria-busy={stats.isFetching}
      className="flex flex-col gap-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="delivery-stats-title" className="text-base font-semibold text-slate-900">
          Deliveries, last {label}
        </h2>
        <RangePicker value={range} onChange={setRange} />
      </div>
      {stats.isError ? (
        <Alert tone="error" title="Could not load the delivery figures">
          {errorMessage(stats.error)}
        </Alert>
      ) : null}
      {data ? (
        <>
          <StatTiles stats={data} />
          <div className="grid gap-4 lg:grid-cols-3">
            <Card className="lg:col-span-2">
              <CardHeader>
                <CardTitle>Volume by status</CardTitle>
                <CardDescription>Messages created in each interval, by their status now.</CardDescription>
              </CardHeader>
              <CardContent>
                <VolumeChart stats={data} spanMs={spanMs} />
              </CardContent>
            </Card>
            <Card className="overflow-hidden">
              <CardHeader>
                <CardTitle>Top failing channels</CardTitle>
                <CardDescription>Most failed, dead or bounced messages in this range.</CardDescription>
              </CardHeader>
              <FailingChannels channels={data.top_failing_channels} />
            </Card>
          </div>
        </>
      ) : stats.isPending ? (
        <p role="status" className="text-sm text-slate-500">
          Loading delivery figures…
        </p>
      ) : null}
    </section>
  );
}
