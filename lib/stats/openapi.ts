import { named, type OpenAPIRegistry, route } from '../openapi/registry';
import { statsQuerySchema, statsSchema } from './schemas';

/** Documents app/api/v1/stats. */
export function registerStatsApi(registry: OpenAPIRegistry): void {
  route(registry, {
    method: 'get',
    path: '/api/v1/stats',
    operationId: 'getStats',
    summary: 'Delivery figures for a time range',
    description:
      'Message volume by status and by channel over time (empty buckets are zeros), totals by status, success and ' +
      'error rates, p50/p95 event→sent latency, the channels failing most; and, whatever the range, the dead ' +
      "letters waiting, the job queues' depth, the trigger consumers' lag and the alert rules firing now. " +
      'Messages are counted by `created_at` in [from, to).',
    tag: 'Stats',
    access: 'read',
    query: statsQuerySchema,
    success: { status: 200, description: 'The figures', schema: named('Stats', statsSchema) },
  });
}
