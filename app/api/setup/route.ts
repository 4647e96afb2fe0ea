import { json, withApi } from '@/lib/api/handler';
import { setupSchema } from '@/lib/users/schemas';
import { countUsers, createFirstAdmin } from '@/lib/users/service';

/** Whether the one-time "create the first admin" step is still open. */
export const GET = withApi({ access: 'public' }, async () =>
  json({ needs_setup: (await countUsers()) === 0 }),
);

/** Creates the first administrator (audit-logged as `user.setup`); refused (409) once any user exists. */
export const POST = withApi({ access: 'public', body: setupSchema }, async ({ body, requestId }) =>
  json(await createFirstAdmin(body, undefined, requestId), 201),
);
