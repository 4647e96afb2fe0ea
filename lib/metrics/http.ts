import { counter, histogram, statusClass } from './define';

const labelNames = ['route', 'method', 'status_class'] as const;

const requests = counter({
  name: 'switchboard_http_requests_total',
  help: 'HTTP requests answered, by route template, method and status class.',
  labelNames,
});

const duration = histogram({
  name: 'switchboard_http_request_duration_seconds',
  help: 'Time from receiving an HTTP request to its response, by route template, method and status class.',
  labelNames,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/** Counts one answered request. `route` must be a template (`/api/v1/channels/[id]`), never a raw path. */
export function observeHttpRequest(route: string, method: string, status: number, seconds: number): void {
  const labels = { route, method: method.toUpperCase(), status_class: statusClass(status) };
  requests.inc(labels);
  duration.observe(labels, seconds);
}
