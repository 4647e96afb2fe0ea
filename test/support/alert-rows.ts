import { eq } from 'drizzle-orm';
import { db, schema } from '../../lib/db';

/** The alert rule's row as it is now (state, last value, firing since). */
export const alertRuleRow = async (id: string) =>
  (await db().select().from(schema.alertRules).where(eq(schema.alertRules.id, id)))[0]!;

/** The rule's alert events (fired, reminded, resolved), oldest first. */
export const alertHistory = (id: string) =>
  db()
    .select()
    .from(schema.alertEvents)
    .where(eq(schema.alertEvents.ruleId, id))
    .orderBy(schema.alertEvents.createdAt);
