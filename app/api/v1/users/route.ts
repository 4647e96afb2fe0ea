import { json, withApi } from '@/lib/api/handler';
import { audit } from '@/lib/audit/log';
import { createUserSchema } from '@/lib/users/schemas';
import { createUser, listUsers } from '@/lib/users/service';

export const GET = withApi({ access: 'read' }, async () =>
  json({ data: await listUsers(), next_cursor: null }),
);

export const POST = withApi(
  { access: 'admin', body: createUserSchema },
  async ({ body, principal, requestId }) => {
    const user = await createUser(body);
    await audit({
      principal,
      action: 'user.create',
      resourceType: 'user',
      resourceId: user.id,
      changes: { email: user.email, role: user.role },
      requestId,
    });
    return json(user, 201);
  },
);
