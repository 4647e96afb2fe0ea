import { json, withApi } from '@/lib/api/handler';
import { paginationQuery } from '@/lib/api/pagination';
import { workflowRefParams } from '@/lib/workflows/schemas';
import { decodeVersionCursor, listVersions, versionPage } from '@/lib/workflows/versions';

export const GET = withApi(
  { access: 'read', params: workflowRefParams, query: paginationQuery },
  async ({ params, query }) => {
    const rows = await listVersions(params.key, {
      limit: query.limit + 1,
      cursor: decodeVersionCursor(query.cursor),
    });
    return json(versionPage(rows, query.limit));
  },
);
