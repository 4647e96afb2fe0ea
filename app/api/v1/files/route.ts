import { json, withApi } from '@/lib/api/handler';
import { listPage, paginationQuery } from '@/lib/api/pagination';
import { listFiles } from '@/lib/files/service';
import { uploadFile } from '@/lib/files/upload';

export const GET = withApi({ access: 'read', query: paginationQuery }, async ({ query }) =>
  json(await listPage(query, (request) => listFiles(request))),
);

// The multipart body is streamed by the upload service itself, so withApi is given no body schema.
export const POST = withApi({ access: 'admin' }, async ({ req, principal, requestId }) => {
  const { file, created } = await uploadFile(req, { principal, requestId });
  return json(file, created ? 201 : 200);
});
