import path from 'node:path';
import { fileTypeFromFile } from 'file-type';
import { AppError } from '../errors';
import { allowedTypes, isAllowedType } from './allowed-types';
import type { Spooled } from './spool';

const TEXT_TYPES: Record<string, string> = {
  'text/plain': 'text/plain',
  'text/csv': 'text/csv',
  'application/csv': 'text/csv',
};
const TEXT_EXTENSIONS: Record<string, string> = { '.txt': 'text/plain', '.csv': 'text/csv' };

/**
 * The content type of an upload, from its bytes: `file-type` recognises binary formats by their signatures
 * (and Office files by their zip entries). Plain text has no signature, so an upload it does not recognise is
 * text/plain or text/csv only when its bytes are valid UTF-8 without NULs AND the client declared that type or
 * used a .txt/.csv name without declaring another type: HTML or a script sent as "image/png" is refused, not stored as text. The type must
 * also be allowed (FILE_ALLOWED_TYPES); otherwise 415.
 */
export async function sniffContentType(
  spooled: Spooled,
  declared: { mimeType: string; filename: string },
): Promise<string> {
  const detected = spooled.size > 0 ? await fileTypeFromFile(spooled.path) : undefined;
  const type = detected?.mime ?? textType(spooled, declared);
  if (!type) {
    throw new AppError(
      'unsupported_media_type',
      `the file's content is not a recognised type (declared ${declared.mimeType || 'none'}); ` +
        'text is accepted only as valid UTF-8 declared text/plain or text/csv (or named .txt/.csv)',
    );
  }
  const allowed = allowedTypes();
  if (!isAllowedType(type, allowed)) {
    throw new AppError(
      'unsupported_media_type',
      `files of type ${type} (sniffed from the content) are not allowed; allowed: ${allowed.join(', ')}`,
    );
  }
  return type;
}

function textType(spooled: Spooled, declared: { mimeType: string; filename: string }): string | undefined {
  if (!spooled.text) return undefined;
  const mime = declared.mimeType.split(';')[0]!.trim().toLowerCase();
  if (TEXT_TYPES[mime]) return TEXT_TYPES[mime];
  // A client that names no specific type (browsers send octet-stream for unknown extensions) is judged by the
  // name; one that declares another type (image/png) is not believed to be sending text.
  if (mime && mime !== 'application/octet-stream') return undefined;
  return TEXT_EXTENSIONS[path.extname(declared.filename).toLowerCase()];
}
