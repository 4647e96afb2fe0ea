import { uuidParams } from '../api/handler';
import { paginationQuery } from '../api/pagination';
import { named, type OpenAPIRegistry, pageOf, route } from '../openapi/registry';
import { fileContentSchema, fileSchema, uploadFileSchema } from './schemas';

/** Documents app/api/v1/files. */
export function registerFilesApi(registry: OpenAPIRegistry): void {
  const File = named('File', fileSchema);
  const tag = 'Files';
  route(registry, {
    method: 'get',
    path: '/api/v1/files',
    operationId: 'listFiles',
    summary: 'List files',
    description: 'Newest first.',
    tag,
    access: 'read',
    query: paginationQuery,
    success: { status: 200, description: 'A page of files', schema: pageOf('FilePage', File) },
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/files',
    operationId: 'uploadFile',
    summary: 'Upload a file',
    description:
      'multipart/form-data with the file in a `file` part. The content type is sniffed from the bytes; a file ' +
      'over `FILE_MAX_BYTES` is refused with 413 and a type not in `FILE_ALLOWED_TYPES` with 415, storing ' +
      'nothing. Files are stored under their SHA-256: the same bytes uploaded again answer 200 with the ' +
      'existing file.',
    tag,
    access: 'admin',
    body: named('UploadFile', uploadFileSchema),
    bodyContentType: 'multipart/form-data',
    success: {
      status: 201,
      description: 'The new file (200: the same bytes were already stored)',
      schema: File,
    },
  });
  route(registry, {
    method: 'get',
    path: '/api/v1/files/{id}',
    operationId: 'getFile',
    summary: "A file's metadata",
    tag,
    access: 'read',
    params: uuidParams,
    success: { status: 200, description: 'The file', schema: File },
  });
  route(registry, {
    method: 'get',
    path: '/api/v1/files/{id}/content',
    operationId: 'downloadFile',
    summary: "Download a file's bytes",
    description:
      'Served with its stored content type, `Content-Disposition: attachment` and `X-Content-Type-Options: nosniff`.',
    tag,
    access: 'read',
    params: uuidParams,
    success: {
      status: 200,
      description: "The file's bytes",
      schema: fileContentSchema,
      contentType: 'application/octet-stream',
    },
  });
  route(registry, {
    method: 'delete',
    path: '/api/v1/files/{id}',
    operationId: 'deleteFile',
    summary: 'Delete a file and its stored bytes',
    description: 'Refused with 409 while a workflow attaches the file or an unsent message carries it.',
    tag,
    access: 'admin',
    params: uuidParams,
    success: { status: 204, description: 'Deleted' },
    errors: [409],
  });
}
