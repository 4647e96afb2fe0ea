import { sqlNumber } from './sql';

/**
 * Bytes on disk (tables, indexes, TOAST) of what the pipeline writes per message: events, workflow_runs,
 * messages, message_attempts and every table of the pg-boss schema (its partitions included).
 */
export function pipelineBytes(bossSchema = process.env.PGBOSS_SCHEMA ?? 'pgboss'): Promise<number> {
  return sqlNumber(
    `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS n
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r'
        AND ((n.nspname = 'public' AND c.relname IN ('events', 'workflow_runs', 'messages', 'message_attempts'))
          OR n.nspname = $1)`,
    [bossSchema],
  );
}
