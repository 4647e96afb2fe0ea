import { type LoadResult, type LoadSpec, runLoad } from './load';
import { EVENT_TYPE } from './scenario';
import type { Sink } from './sink';
import { sqlNumber } from './sql';
import { type Percentiles, percentiles } from './stats';

export interface PipelineLoad {
  load: LoadResult;
  /**
   * Event rows the run stored: the 2xx answers plus requests autocannon cut off at its end whose event the
   * server had already committed.
   */
  stored: number;
  /** Distinct deliveries at the sink. */
  delivered: number;
  repeats: number;
  /** Stored events with no delivery after the drain. */
  lost: number;
  /** First request → last delivery. */
  deliveriesPerSecond: number;
  /** Deliveries that arrived before the load ended ÷ events accepted. */
  deliveredDuringLoad: number;
  /** Last delivery − end of the load, s. */
  drainSeconds: number;
  latency: Percentiles;
}

let sequence = 0;

/** The request body of POST /api/v1/events: `t` is taken when autocannon builds the request. */
export function eventBody(): string {
  return JSON.stringify({ event_type: EVENT_TYPE, data: { t: Date.now(), i: sequence++ } });
}

/**
 * Runs a load against POST /api/v1/events, waits until every accepted event was delivered (or the drain
 * timed out), and reads the sink: deliveries/s, how well they kept pace, event→delivery latency.
 */
export async function pipelineLoad(
  sink: Sink,
  spec: Omit<LoadSpec, 'body' | 'method'>,
  drainTimeoutMs: number,
): Promise<PipelineLoad> {
  await sink.reset();
  const countEvents = () => sqlNumber('SELECT count(*) AS n FROM events');
  const before = await countEvents();
  const load = await runLoad({ ...spec, method: 'POST', body: eventBody });
  await new Promise((r) => setTimeout(r, 1000)); // requests cut off at the end finish on the server
  const stored = (await countEvents()) - before;
  await sink.waitFor(stored, drainTimeoutMs);
  const report = await sink.report();
  const lastDelivery = report.times.at(-1) ?? Number.NaN;
  const duringLoad = report.times.filter((t) => t <= load.endedAt).length;
  return {
    load,
    stored,
    delivered: report.stats.distinct,
    repeats: report.stats.repeats,
    lost: Math.max(0, stored - report.stats.distinct),
    deliveriesPerSecond: report.stats.distinct / ((lastDelivery - load.startedAt) / 1000),
    deliveredDuringLoad: duringLoad / stored,
    drainSeconds: Math.max(0, (lastDelivery - load.endedAt) / 1000),
    latency: percentiles(report.latencies),
  };
}
