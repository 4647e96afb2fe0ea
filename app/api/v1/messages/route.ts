import { json, withApi } from '@/lib/api/handler';
import { listPage } from '@/lib/api/pagination';
import { listMessagesQuery } from '@/lib/messages/schemas';
import { listMessages } from '@/lib/messages/service';

export const GET = withApi({ access: 'read', query: listMessagesQuery }, async ({ query }) => {
  const { limit, cursor, before, ...filter } = query;
  return json(await listPage({ limit, cursor, before }, (request) => listMessages(filter, request)));
});
