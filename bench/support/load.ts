import autocannon from 'autocannon';
import { type Percentiles, percentiles } from './stats';

export interface LoadSpec {
  /** The full URL, path included. */
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fresh body for every request (built when autocannon sends it, so it can carry the send time). */
  body?: () => string;
  connections: number;
  durationS: number;
  /** Stop after this many requests instead (warm-ups). */
  amount?: number;
  /** Requests per second over all connections (autocannon `overallRate`); unset: as fast as it goes. */
  rate?: number;
}

export interface LoadResult {
  requests: number;
  /** 2xx answers. */
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  durationS: number;
  okPerSecond: number;
  /** Response time of every answer, ms. */
  latency: Percentiles;
  statuses: Record<string, number>;
  startedAt: number;
  endedAt: number;
}

/** n split into `parts` whole numbers that add up to n. */
function share(n: number, parts: number, index: number): number {
  return Math.floor(n / parts) + (index < n % parts ? 1 : 0);
}

/**
 * Runs autocannon. With a `rate`, autocannon gives each connection a quota per second that it spends at once
 * when its second starts, so every connection's burst would land together; the load is therefore split into
 * up to 10 autocannon instances started 1/10 s apart, each with its share of the connections and the rate.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const target = new URL(spec.url);
  const slices = spec.rate ? Math.max(1, Math.min(10, spec.connections, spec.rate)) : 1;
  const startedAt = Date.now();
  const results = await Promise.all(
    Array.from({ length: slices }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (i * 1000) / slices));
      return autocannon({
        url: spec.url,
        connections: share(spec.connections, slices, i),
        duration: spec.durationS,
        ...(spec.amount ? { amount: share(spec.amount, slices, i) } : {}),
        ...(spec.rate ? { overallRate: share(spec.rate, slices, i) } : {}),
        requests: [
          {
            method: spec.method ?? 'GET',
            path: `${target.pathname}${target.search}`,
            headers: spec.headers,
            ...(spec.body ? { setupRequest: (request) => ({ ...request, body: spec.body!() }) } : {}),
          },
        ],
        setupClient: (client) => {
          client.on('response', (status: number, _bytes: number, responseTime: number) => {
            latencies.push(responseTime);
            statuses[status] = (statuses[status] ?? 0) + 1;
          });
        },
      });
    }),
  );
  const endedAt = Date.now();
  const sum = (pick: (r: autocannon.Result) => number) => results.reduce((total, r) => total + pick(r), 0);
  const ok = sum((r) => r['2xx']);
  const durationS = sum((r) => r.duration) / results.length;
  return {
    requests: sum((r) => r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx']),
    ok,
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    durationS,
    okPerSecond: ok / durationS,
    latency: percentiles(latencies),
    statuses,
    startedAt,
    endedAt,
  };
}
