import { json, withApi } from '@/lib/api/handler';
import { decodeCursor, page } from '@/lib/api/pagination';
import { listMessagesQuery } from '@/lib/messages/schemas';
import { listMessages } from '@/lib/messages/service';

export const GET = withApi({ access: 'read', query: listMessagesQuery }, async ({ query }) => {
  const { limit, cursor, ...filter } = query;
  const rows = await listMessages(filter, { limit: limit + 1, cursor: decodeCursor(cursor) });
  return json(page(rows, limit));
});
