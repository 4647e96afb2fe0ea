import { useId } from 'react';
import { formatCount, formatDuration, formatRate } from './format';
import type { Stats } from './queries';

function Tile({ label, value, hint }: { label: string; value: string; hint: string }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-md border border-slate-200 px-3 py-2">
      <p id={id} className="text-xs font-medium text-slate-500">
        {label}
      </p>
      <p className="text-2xl font-semibold text-slate-900 tabular-nums">{value}</p>
      <p className="text-xs text-slate-500">{hint}</p>
    </section>
  );
}

/** The headline figures (each a labelled region, so it can be found by its name) of the range, exactly as the stats endpoint computed them. */
export function StatTiles({ stats }: { stats: Stats }) {
  const { totals, latency_ms: latency } = stats;
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 xl:grid-cols-6">
      <Tile label="Sent" value={formatCount(totals.succeeded)} hint="sent or delivered" />
      <Tile label="Failed" value={formatCount(totals.failed)} hint="failed, dead or bounced" />
      <Tile
        label="Dead letters waiting"
        value={formatCount(stats.dead_letters_waiting)}
        hint="now, from any time"
      />
      <Tile label="Success rate" value={formatRate(stats.success_rate)} hint="of finished messages" />
      <Tile
        label="Latency p50"
        value={formatDuration(latency.p50)}
        hint={`event → sent, ${formatCount(latency.samples)} samples`}
      />
      <Tile label="Latency p95" value={formatDuration(latency.p95)} hint="event → sent" />
    </div>
  );
}
