import { env } from '../env';

/**
 * What may be uploaded when FILE_ALLOWED_TYPES is unset: common images, PDF, plain text and CSV, and the Office
 * Open XML and OpenDocument formats. Not in it: HTML and SVG (script in a mail client or browser), archives and
 * executables, and legacy Office (.doc/.xls) files, which sniff only as a generic compound file shared with MSI
 * installers.
 */
export const DEFAULT_ALLOWED_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
] as const;

export function allowedTypes(): readonly string[] {
  return env().FILE_ALLOWED_TYPES ?? DEFAULT_ALLOWED_TYPES;
}

/** Whether `type` is in `allowed`, where an entry `image/*` allows the whole family. */
export function isAllowedType(type: string, allowed: readonly string[] = allowedTypes()): boolean {
  const family = `${type.split('/')[0]}/*`;
  return allowed.includes(type) || allowed.includes(family);
}
