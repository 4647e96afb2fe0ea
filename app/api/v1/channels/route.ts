import { json, withApi } from '@/lib/api/handler';
import { listPage, paginationQuery } from '@/lib/api/pagination';
import { createChannelSchema } from '@/lib/channels/schemas';
import { createChannel, listChannels } from '@/lib/channels/service';

export const GET = withApi({ access: 'read', query: paginationQuery }, async ({ query }) =>
  json(await listPage(query, (request) => listChannels(request))),
);

export const POST = withApi(
  { access: 'admin', body: createChannelSchema },
  async ({ body, principal, requestId }) => json(await createChannel(body, { principal, requestId }), 201),
);
