import path from 'node:path';

const MAX_LENGTH = 200;

/**
 * The name a file is stored and offered under: the last path segment the client sent (never a directory), NFC,
 * without control characters, at most 200 characters with its extension kept. An empty result becomes `file`.
 */
export function safeFilename(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+$/, '');
  if (!cleaned) return 'file';
  if (cleaned.length <= MAX_LENGTH) return cleaned;
  const ext = path.extname(cleaned).slice(0, 20);
  return cleaned.slice(0, MAX_LENGTH - ext.length) + ext;
}

/**
 * `attachment` with an ASCII fallback name (RFC 6266) and the exact name as `filename*` (RFC 8187), so no
 * character of a stored name can break out of the header.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
