import { json, withApi } from '@/lib/api/handler';
import { statsQuerySchema } from '@/lib/stats/schemas';
import { getStats } from '@/lib/stats/service';

export const GET = withApi({ access: 'read', query: statsQuerySchema }, async ({ query }) =>
  json(await getStats(query)),
);
