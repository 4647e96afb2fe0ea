import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * prom-client's default gauges that break Prometheus naming (a `_total` suffix on a gauge, which
 * `promtool check metrics` rejects); each duplicates a correctly named gauge (`nodejs_active_handles`, …).
 */
const MISNAMED_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name);
  return registry;
}

// Kept on globalThis: Next.js may load this module more than once (route bundles, dev reloads), and a process
// must expose one set of counters, not one per copy of the module.
const holder = globalThis as { __switchboardMetrics?: Registry };

/** The one registry of this process (web or worker), with Node's process metrics. */
export function metricsRegistry(): Registry {
  holder.__switchboardMetrics ??= createRegistry();
  return holder.__switchboardMetrics;
}

/** The text exposition of every metric of this process, with its content type. */
export async function exposition(): Promise<{ body: string; contentType: string }> {
  const registry = metricsRegistry();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
