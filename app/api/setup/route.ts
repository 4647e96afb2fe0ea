import { json, withApi } from '@/lib/api/handler';
import { audit } from '@/lib/audit/log';
import { setupSchema } from '@/lib/users/schemas';
import { countUsers, createFirstAdmin } from '@/lib/users/service';

/** Whether the one-time "create the first admin" step is still open. */
export const GET = withApi({ access: 'public' }, async () =>
  json({ needs_setup: (await countUsers()) === 0 }),
);

/** Creates the first administrator; refused (409) once any user exists. */
export const POST = withApi({ access: 'public', body: setupSchema }, async ({ body, requestId }) => {
  const user = await createFirstAdmin(body);
  await audit({
    principal: null,
    action: 'user.setup',
    resourceType: 'user',
    resourceId: user.id,
    changes: { email: user.email },
    requestId,
  });
  return json(user, 201);
});
