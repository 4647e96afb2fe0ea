import { listAlertEvents } from '@/lib/alerts/service';
import { json, uuidParams, withApi } from '@/lib/api/handler';
import { decodeCursor, page, paginationQuery } from '@/lib/api/pagination';

export const GET = withApi(
  { access: 'admin', params: uuidParams, query: paginationQuery },
  async ({ params, query }) => {
    const rows = await listAlertEvents(params.id, {
      limit: query.limit + 1,
      cursor: decodeCursor(query.cursor),
    });
    return json(page(rows, query.limit));
  },
);
