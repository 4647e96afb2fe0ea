import { asc, count, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { created, deleted, updated } from '../audit/changes';
import { type AuditEntry, audit } from '../audit/log';
import { hashPassword } from '../auth/password';
import { type Db, db as defaultDb, schema } from '../db';
import { AppError } from '../errors';
import { type CreateUserInput, createUserSchema, type UserView, type updateUserSchema } from './schemas';

type UserRow = typeof schema.users.$inferSelect;
type Actor = Pick<AuditEntry, 'principal' | 'requestId'>;
const SYSTEM: Actor = { principal: null };

/** What the audit log keeps of a user (never the password hash). */
const auditable = (user: UserView) => ({
  email: user.email,
  name: user.name,
  role: user.role,
  disabled: user.disabled,
});
const entry = (actor: Actor, action: string, id: string) => ({
  ...actor,
  action,
  resourceType: 'user',
  resourceId: id,
});

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabledAt !== null,
    last_login_at: row.lastLoginAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}

export async function countUsers(database: Db = defaultDb()): Promise<number> {
  const [row] = await database.select({ n: count() }).from(schema.users);
  return row?.n ?? 0;
}

export async function findUserByEmail(
  email: string,
  database: Db = defaultDb(),
): Promise<UserRow | undefined> {
  const [row] = await database
    .select()
    .from(schema.users)
    .where(sql`lower(${schema.users.email}) = ${email.toLowerCase()}`);
  return row;
}

export async function findUserById(id: string, database: Db = defaultDb()): Promise<UserRow | undefined> {
  const [row] = await database.select().from(schema.users).where(eq(schema.users.id, id));
  return row;
}

/** Adds a user; the audit entry (actor `system` for the CLI) commits with it. */
export async function createUser(
  input: CreateUserInput,
  database: Db = defaultDb(),
  actor: Actor = SYSTEM,
): Promise<UserView> {
  const data = createUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return database.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.users)
      .values({ email: data.email, name: data.name, role: data.role, passwordHash })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw new AppError('conflict', `a user with e-mail ${data.email} already exists`, [
        { path: 'email', message: 'already in use' },
      ]);
    const user = toUserView(row);
    await audit({ ...entry(actor, 'user.create', user.id), changes: created(auditable(user)) }, tx);
    return user;
  });
}

/**
 * Creates the first administrator, only while the users table is empty. The table lock makes two
 * concurrent set-up requests safe: the second finds a user and is refused.
 */
export async function createFirstAdmin(
  input: Omit<CreateUserInput, 'role'>,
  database: Db = defaultDb(),
  requestId?: string,
): Promise<UserView> {
  const data = createUserSchema.parse({ ...input, role: 'admin' });
  const passwordHash = await hashPassword(data.password);
  return database.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE ${schema.users} IN EXCLUSIVE MODE`);
    const [existing] = await tx.select({ n: count() }).from(schema.users);
    if ((existing?.n ?? 0) > 0)
      throw new AppError('conflict', 'set-up is already done: an administrator exists');
    const [row] = await tx
      .insert(schema.users)
      .values({ email: data.email, name: data.name, role: 'admin', passwordHash })
      .returning();
    const user = toUserView(row!);
    const actor = { principal: null, requestId };
    await audit({ ...entry(actor, 'user.setup', user.id), changes: created(auditable(user)) }, tx);
    return user;
  });
}

export async function listUsers(database: Db = defaultDb()): Promise<UserView[]> {
  const rows = await database.select().from(schema.users).orderBy(asc(schema.users.createdAt));
  return rows.map(toUserView);
}

/**
 * Applies an admin's change. Disabling a user or resetting the password also ends the sessions the user has
 * (`sessions_valid_after`, checked by withApi and the console layout), so re-enabling revives none of them.
 */
export async function updateUser(
  id: string,
  patch: z.output<typeof updateUserSchema>,
  actor: Actor,
  database: Db = defaultDb(),
): Promise<UserView> {
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
  return database.transaction(async (tx) => {
    const [current] = await tx.select().from(schema.users).where(eq(schema.users.id, id)).for('update');
    if (!current) throw new AppError('not_found', `no user with id ${id}`);
    const now = new Date();
    const disabling = patch.disabled === true && current.disabledAt === null;
    const values: Partial<typeof schema.users.$inferInsert> = {};
    if (patch.name !== undefined) values.name = patch.name;
    if (patch.role !== undefined) values.role = patch.role;
    if (passwordHash !== undefined) values.passwordHash = passwordHash;
    if (patch.disabled !== undefined) values.disabledAt = patch.disabled ? (current.disabledAt ?? now) : null;
    if (disabling || passwordHash !== undefined) values.sessionsValidAfter = now;
    // An empty PATCH changes nothing (and Drizzle refuses an UPDATE without values): the user as stored.
    if (Object.keys(values).length === 0) return toUserView(current);
    const [row] = await tx.update(schema.users).set(values).where(eq(schema.users.id, id)).returning();
    await assertAnAdminRemains(tx as unknown as Db);
    const before = toUserView(current);
    const user = toUserView(row!);
    const changes = {
      ...updated(auditable(before), auditable(user)),
      ...(passwordHash !== undefined ? { password_reset: true } : {}),
    };
    await audit({ ...entry(actor, 'user.update', id), changes }, tx);
    return user;
  });
}

export async function deleteUser(id: string, actor: Actor, database: Db = defaultDb()): Promise<void> {
  await database.transaction(async (tx) => {
    const [row] = await tx.delete(schema.users).where(eq(schema.users.id, id)).returning();
    if (!row) throw new AppError('not_found', `no user with id ${id}`);
    await assertAnAdminRemains(tx as unknown as Db);
    await audit({ ...entry(actor, 'user.delete', id), changes: deleted(auditable(toUserView(row))) }, tx);
  });
}

/** Nobody may lock everyone out: at least one enabled administrator must remain. */
async function assertAnAdminRemains(tx: Db): Promise<void> {
  const [row] = await tx
    .select({ n: count() })
    .from(schema.users)
    .where(sql`${schema.users.role} = 'admin' AND ${schema.users.disabledAt} IS NULL`);
  if ((row?.n ?? 0) === 0) throw new AppError('conflict', 'at least one enabled administrator must remain');
}

export async function recordLogin(id: string, database: Db = defaultDb()): Promise<void> {
  await database.update(schema.users).set({ lastLoginAt: new Date() }).where(eq(schema.users.id, id));
}
