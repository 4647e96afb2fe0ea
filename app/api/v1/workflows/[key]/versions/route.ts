import { json, withApi } from '@/lib/api/handler';
import { paginationQuery } from '@/lib/api/pagination';
import { workflowRefParams } from '@/lib/workflows/schemas';
import { versionPage } from '@/lib/workflows/versions';

export const GET = withApi(
  { access: 'read', params: workflowRefParams, query: paginationQuery },
  async ({ params, query }) => json(await versionPage(params.key, query)),
);
