import type { schema } from '../db';
import type { TriggerView } from './schemas';
import { maskTriggerConfig } from './secrets';

type TriggerRow = typeof schema.triggers.$inferSelect;

/** The API's view of a trigger: secrets in `config` (signing keys, broker passwords) masked. */
export function toTriggerView(row: TriggerRow, status: TriggerView['status'] = []): TriggerView {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    workflow_id: row.workflowId,
    enabled: row.enabled,
    // Every write stores a `filter`; rows written another way still read as "match everything".
    config: {
      ...maskTriggerConfig(row.type, row.config),
      filter: (row.config.filter as Record<string, unknown> | undefined) ?? {},
    },
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    status,
  };
}
