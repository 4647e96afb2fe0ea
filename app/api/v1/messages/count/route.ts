import { json, withApi } from '@/lib/api/handler';
import { countMessages } from '@/lib/messages/bulk';
import { countMessagesQuery } from '@/lib/messages/schemas';

/** How many messages match the list's filter (up to `limit`): the console's "select all N matching". */
export const GET = withApi({ access: 'read', query: countMessagesQuery }, async ({ query }) => {
  const { limit, ...filter } = query;
  return json(await countMessages(filter, limit));
});
