import { json, uuidParams, withApi } from '@/lib/api/handler';
import { deleteFile, getFile } from '@/lib/files/service';

export const GET = withApi({ access: 'read', params: uuidParams }, async ({ params }) =>
  json(await getFile(params.id)),
);

export const DELETE = withApi(
  { access: 'admin', params: uuidParams },
  async ({ params, principal, requestId }) => {
    await deleteFile(params.id, { principal, requestId });
    return new Response(null, { status: 204 });
  },
);
