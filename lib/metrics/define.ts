import { Counter, Gauge, Histogram, type Metric } from 'prom-client';
import { metricsRegistry } from './registry';

// Metrics are made once per process even when a module is loaded twice (see registry.ts): a second
// definition would throw "already registered" or count into a copy nobody scrapes.
function once<M extends Metric>(name: string, make: () => M): M {
  return (metricsRegistry().getSingleMetric(name) as M | undefined) ?? make();
}

type Options<L extends string> = { name: string; help: string; labelNames: readonly L[] };

export function counter<L extends string>(o: Options<L>): Counter<L> {
  return once(o.name, () => new Counter({ ...o, registers: [metricsRegistry()] }));
}

export function histogram<L extends string>(o: Options<L> & { buckets: number[] }): Histogram<L> {
  return once(o.name, () => new Histogram({ ...o, registers: [metricsRegistry()] }));
}

export function gauge<L extends string>(
  o: Options<L> & { collect?: (this: Gauge<L>) => Promise<void> | void },
): Gauge<L> {
  return once(o.name, () => new Gauge({ ...o, registers: [metricsRegistry()] }));
}

/** The class of an HTTP status (`2xx`, `4xx`, …): bounded, unlike the status itself in some APIs. */
export const statusClass = (status: number): string => `${Math.floor(status / 100)}xx`;
