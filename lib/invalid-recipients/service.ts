import { and, eq, type SQL } from 'drizzle-orm';
import { type PageRequest, pageCondition, pageOrder } from '../api/pagination';
import type { Principal } from '../api/principal';
import { deleted } from '../audit/changes';
import { audit } from '../audit/log';
import { type Db, db as defaultDb, schema } from '../db';
import { readDb } from '../db/replicas';
import { AppError } from '../errors';
import type { InvalidRecipientFilter, InvalidRecipientView } from './schemas';

const { invalidRecipients: ir, channels } = schema;

const COLUMNS = {
  id: ir.id,
  channelId: ir.channelId,
  channelName: channels.name,
  provider: ir.provider,
  recipient: ir.recipient,
  reason: ir.reason,
  detail: ir.detail,
  invalidSince: ir.invalidSince,
  messageId: ir.messageId,
  createdAt: ir.createdAt,
  lastSeenAt: ir.lastSeenAt,
};

interface Row {
  id: string;
  channelId: string;
  channelName: string;
  provider: string;
  recipient: string;
  reason: string;
  detail: string | null;
  invalidSince: Date | null;
  messageId: string | null;
  createdAt: Date;
  lastSeenAt: Date;
}

function toView(row: Row): InvalidRecipientView {
  return {
    id: row.id,
    channel_id: row.channelId,
    channel_name: row.channelName,
    provider: row.provider,
    recipient: row.recipient,
    reason: row.reason,
    detail: row.detail,
    invalid_since: row.invalidSince?.toISOString() ?? null,
    message_id: row.messageId,
    created_at: row.createdAt.toISOString(),
    last_seen_at: row.lastSeenAt.toISOString(),
  };
}

function conditions(filter: InvalidRecipientFilter): (SQL | undefined)[] {
  return [
    filter.channel_id ? eq(ir.channelId, filter.channel_id) : undefined,
    filter.provider ? eq(ir.provider, filter.provider) : undefined,
    filter.recipient ? eq(ir.recipient, filter.recipient) : undefined,
  ];
}

/** The rows of a page (`PageRequest`) for `listPage()`: newest first, oldest first before `before`. */
export async function listInvalidRecipients(
  filter: InvalidRecipientFilter,
  page: PageRequest,
  database: Db = readDb(),
): Promise<InvalidRecipientView[]> {
  const rows = await database
    .select(COLUMNS)
    .from(ir)
    .innerJoin(channels, eq(channels.id, ir.channelId))
    .where(and(...conditions(filter), pageCondition(ir.createdAt, ir.id, page)))
    .orderBy(...pageOrder(ir.createdAt, ir.id, page))
    .limit(page.limit);
  return rows.map(toView);
}

export async function getInvalidRecipient(
  id: string,
  database: Db = readDb(),
): Promise<InvalidRecipientView> {
  const [row] = await database
    .select(COLUMNS)
    .from(ir)
    .innerJoin(channels, eq(channels.id, ir.channelId))
    .where(eq(ir.id, id));
  if (!row) throw notFound(id);
  return toView(row);
}

/**
 * Forgets an invalid recipient (the app registered the token again, or it was recorded by mistake): sends to it
 * through that channel go out again. Audited with what was removed.
 */
export async function deleteInvalidRecipient(
  id: string,
  actor: { principal: Principal | null; requestId?: string },
  database: Db = defaultDb(),
): Promise<void> {
  await database.transaction(async (tx) => {
    const [row] = await tx.delete(ir).where(eq(ir.id, id)).returning();
    if (!row) throw notFound(id);
    await audit(
      {
        ...actor,
        action: 'invalid_recipient.delete',
        resourceType: 'invalid_recipient',
        resourceId: id,
        changes: deleted({
          channel_id: row.channelId,
          provider: row.provider,
          recipient: row.recipient,
          reason: row.reason,
          created_at: row.createdAt.toISOString(),
        }),
      },
      tx,
    );
  });
}

function notFound(id: string): AppError {
  return new AppError('not_found', `no invalid recipient with id ${id}`);
}
