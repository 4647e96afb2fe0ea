import { json, withApi } from '@/lib/api/handler';
import { createUserSchema } from '@/lib/users/schemas';
import { createUser, listUsers } from '@/lib/users/service';

export const GET = withApi({ access: 'read' }, async () =>
  json({ data: await listUsers(), next_cursor: null, prev_cursor: null }),
);

export const POST = withApi(
  { access: 'admin', body: createUserSchema },
  async ({ body, principal, requestId }) =>
    json(await createUser(body, undefined, { principal, requestId }), 201),
);
