import { listAlertEvents } from '@/lib/alerts/service';
import { json, uuidParams, withApi } from '@/lib/api/handler';
import { listPage, paginationQuery } from '@/lib/api/pagination';

export const GET = withApi(
  { access: 'admin', params: uuidParams, query: paginationQuery },
  async ({ params, query }) => {
    return json(await listPage(query, (request) => listAlertEvents(params.id, request)));
  },
);
