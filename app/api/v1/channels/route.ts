import { json, withApi } from '@/lib/api/handler';
import { decodeCursor, page, paginationQuery } from '@/lib/api/pagination';
import { createChannelSchema } from '@/lib/channels/schemas';
import { createChannel, listChannels } from '@/lib/channels/service';

export const GET = withApi({ access: 'read', query: paginationQuery }, async ({ query }) => {
  const rows = await listChannels({ limit: query.limit + 1, cursor: decodeCursor(query.cursor) });
  return json(page(rows, query.limit));
});

export const POST = withApi(
  { access: 'admin', body: createChannelSchema },
  async ({ body, principal, requestId }) => json(await createChannel(body, { principal, requestId }), 201),
);
