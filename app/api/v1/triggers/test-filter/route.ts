import { json, withApi } from '@/lib/api/handler';
import { testFilterSchema } from '@/lib/triggers/schemas';
import { testFilter } from '@/lib/triggers/service';

// Admin only: it runs caller-supplied queries (including $regex) on the server, and only admins edit filters.
export const POST = withApi({ access: 'admin', body: testFilterSchema }, async ({ body }) =>
  json({ matches: testFilter(body.filter, body.event) }),
);
