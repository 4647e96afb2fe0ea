import { json, uuidParams, withApi } from '@/lib/api/handler';
import { updateChannelSchema } from '@/lib/channels/schemas';
import { deleteChannel, getChannel, updateChannel } from '@/lib/channels/service';

export const GET = withApi({ access: 'read', params: uuidParams }, async ({ params }) =>
  json(await getChannel(params.id)),
);

export const PATCH = withApi(
  { access: 'admin', params: uuidParams, body: updateChannelSchema },
  async ({ params, body, principal, requestId }) =>
    json(await updateChannel(params.id, body, { principal, requestId })),
);

export const DELETE = withApi(
  { access: 'admin', params: uuidParams },
  async ({ params, principal, requestId }) => {
    await deleteChannel(params.id, { principal, requestId });
    return new Response(null, { status: 204 });
  },
);
