'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { errorMessage } from '@/lib/client/api';
import { FailingChannels } from './failing-channels';
import { ConsumerLag, OpenAlerts } from './now-panels';
import { RangePicker } from './range-picker';
import { NowTiles, RangeTiles } from './stat-tiles';
import { DASHBOARD_REFRESH_MS, useDashboardStats } from './stats-queries';
import { rangeKey, rangeLabel, rangeSpanMs } from './stats-range';
import { StatsSkeleton } from './stats-skeleton';
import { useStatsRange } from './use-stats-range';
import { VolumeChart } from './volume-chart';

function RefreshControl({
  on,
  onChange,
  updatedAt,
}: {
  on: boolean;
  onChange: (on: boolean) => void;
  updatedAt: number;
}) {
  return (
    <div className="flex items-center gap-3 text-xs text-slate-500">
      {updatedAt ? (
        <span>
          Updated <DateTime value={new Date(updatedAt).toISOString()} relativeTime />
        </span>
      ) : null}
      <label className="flex items-center gap-1.5" title="Paused while this tab is hidden">
        <input type="checkbox" checked={on} onChange={(e) => onChange(e.target.checked)} />
        Refresh every {DASHBOARD_REFRESH_MS / 1000} s
      </label>
    </div>
  );
}

/** Delivery figures for the range in the URL, all computed by GET /api/v1/stats, each leading to its list. */
export function DeliveryStats() {
  const { range, problem, setRange } = useStatsRange();
  const [autoRefresh, setAutoRefresh] = useState(true);
  const stats = useDashboardStats(range, autoRefresh);
  const data = stats.data;
  const label = rangeLabel(range);

  return (
    <section
      aria-labelledby="delivery-stats-title"
      aria-busy={stats.isFetching}
      className="flex flex-col gap-4"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex flex-col gap-1">
          <h2 id="delivery-stats-title" className="text-base font-semibold text-slate-900">
            Deliveries, {label}
          </h2>
          <RefreshControl on={autoRefresh} onChange={setAutoRefresh} updatedAt={stats.dataUpdatedAt} />
        </div>
        <RangePicker key={rangeKey(range)} range={range} onChange={setRange} />
      </div>
      {problem ? <Alert tone="warning">{problem}</Alert> : null}
      {stats.isError ? (
        <Alert tone="error" title="Could not load the delivery figures">
          {errorMessage(stats.error)}
        </Alert>
      ) : null}
      {data ? (
        <>
          <RangeTiles stats={data} />
          <div className="grid gap-4 lg:grid-cols-3">
            <Card className="lg:col-span-2">
              <CardHeader>
                <CardTitle>Volume</CardTitle>
                <CardDescription>Messages created in each interval, by their status now.</CardDescription>
              </CardHeader>
              <CardContent>
                <VolumeChart stats={data} spanMs={rangeSpanMs(range)} />
              </CardContent>
            </Card>
            <FailingChannels stats={data} />
          </div>
          <h2 className="text-base font-semibold text-slate-900">Now</h2>
          <NowTiles stats={data} />
          <div className="grid gap-4 lg:grid-cols-2">
            <OpenAlerts stats={data} />
            <ConsumerLag stats={data} />
          </div>
        </>
      ) : stats.isPending ? (
        <StatsSkeleton />
      ) : null}
    </section>
  );
}
