import { attachmentDisposition } from './filename';
import type { FileView } from './schemas';

/**
 * Headers for a download: the stored (sniffed) type, always as an attachment, and `nosniff` so a browser never
 * second-guesses the type into something it would render or run.
 */
export function fileDownloadHeaders(file: FileView): Record<string, string> {
  return {
    'content-type': file.content_type.startsWith('text/')
      ? `${file.content_type}; charset=utf-8`
      : file.content_type,
    'content-length': String(file.size),
    'content-disposition': attachmentDisposition(file.filename),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-cache',
    // Content-addressed, so the hash is a strong validator.
    etag: `"${file.sha256}"`,
  };
}
