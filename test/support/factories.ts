import { randomBytes } from 'node:crypto';
import { createApiKey } from '../../lib/api-keys/service';
import { db, schema } from '../../lib/db';
import type { CreateTriggerInput } from '../../lib/triggers/schemas';
import { createTrigger } from '../../lib/triggers/service';
import type { Role } from '../../lib/users/schemas';
import { createUser } from '../../lib/users/service';
import type { CreateWorkflowInput } from '../../lib/workflows/service';
import { createWorkflow } from '../../lib/workflows/service';
import { registerSecret } from '../security/secret-registry';

export const uniq = () => randomBytes(4).toString('hex');

export async function makeUser(role: Role = 'admin', password = 'correct-horse-battery') {
  const email = `${role}-${uniq()}@example.test`;
  registerSecret('user password', password);
  const user = await createUser({ email, password, role });
  return { ...user, password };
}

export async function makeApiKey(scope: 'admin' | 'trigger' = 'admin') {
  const created = await createApiKey({ name: `key-${uniq()}`, scope });
  registerSecret('API key', created.key);
  return created;
}

/** A channel row inserted directly (no provider call): workflows only need it to exist. */
export async function makeChannel(overrides: Partial<typeof schema.channels.$inferInsert> = {}) {
  const [row] = await db()
    .insert(schema.channels)
    .values({
      name: `channel-${uniq()}`,
      type: 'webhook',
      provider: 'webhook',
      // text: any body template fits (json, the default, makes a workflow save check bodies render to JSON)
      config: { url: 'http://127.0.0.1:9/hook', body_format: 'text' },
      ...overrides,
    })
    .returning();
  return row!;
}

export async function makeWorkflow(overrides: Partial<CreateWorkflowInput> = {}) {
  return createWorkflow(
    {
      key: `wf-${uniq()}`,
      name: `Workflow ${uniq()}`,
      steps: [{ type: 'condition', filter: {} }],
      enabled: true,
      ...overrides,
    },
    { principal: null },
  );
}

export async function makeTrigger(workflowId: string, overrides: Partial<CreateTriggerInput> = {}) {
  return createTrigger(
    {
      name: `trigger-${uniq()}`,
      type: 'api',
      workflow_id: workflowId,
      enabled: true,
      config: { filter: {} },
      ...overrides,
    } as CreateTriggerInput,
    { principal: null },
  );
}

/** Calls a Next.js route handler the way the framework does: a Request plus a promise of params. */
export function call(
  handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  init: {
    method?: string;
    path?: string;
    key?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    params?: Record<string, string>;
  } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const req = new Request(`http://localhost${init.path ?? '/'}`, {
    method: init.method ?? 'GET',
    headers,
    body,
  });
  return handler(req, { params: Promise.resolve(init.params ?? {}) });
}
