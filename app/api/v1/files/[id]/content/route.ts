import { Readable } from 'node:stream';
import { uuidParams, withApi } from '@/lib/api/handler';
import { fileDownloadHeaders } from '@/lib/files/download';
import { openFileContent } from '@/lib/files/service';

export const GET = withApi({ access: 'read', params: uuidParams }, async ({ params }) => {
  const { file, stream } = await openFileContent(params.id);
  return new Response(Readable.toWeb(stream) as ReadableStream, { headers: fileDownloadHeaders(file) });
});
