import type { Principal } from '../api/principal';
import { type Db, db as defaultDb, schema } from '../db';

export interface AuditEntry {
  principal: Principal | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  /** Must already have secrets masked. */
  changes?: Record<string, unknown>;
  requestId?: string;
}

/** The actor columns of a change (audit entries, workflow versions): who, by kind, id and a readable label. */
export function actorColumns(principal: Principal | null) {
  return {
    actorType: principal?.kind ?? 'system',
    actorId: principal?.id ?? null,
    actorLabel: principal ? (principal.kind === 'user' ? principal.email : principal.name) : 'system',
  };
}

/** Records who changed what. Pass the transaction that made the change so both commit together. */
export async function audit(entry: AuditEntry, database: Pick<Db, 'insert'> = defaultDb()): Promise<void> {
  await database.insert(schema.auditLog).values({
    ...actorColumns(entry.principal),
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    changes: entry.changes ?? null,
    requestId: entry.requestId ?? null,
  });
}
