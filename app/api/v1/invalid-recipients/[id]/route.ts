import { json, uuidParams, withApi } from '@/lib/api/handler';
import { deleteInvalidRecipient, getInvalidRecipient } from '@/lib/invalid-recipients/service';

export const GET = withApi({ access: 'read', params: uuidParams }, async ({ params }) =>
  json(await getInvalidRecipient(params.id)),
);

export const DELETE = withApi(
  { access: 'admin', params: uuidParams },
  async ({ params, principal, requestId }) => {
    await deleteInvalidRecipient(params.id, { principal, requestId });
    return new Response(null, { status: 204 });
  },
);
