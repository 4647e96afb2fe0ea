import type { schema } from '../db';
import type { FileView } from './schemas';

export type FileRow = typeof schema.files.$inferSelect;

export function toFileView(row: FileRow): FileView {
  return {
    id: row.id,
    filename: row.filename,
    content_type: row.contentType,
    size: row.size,
    sha256: row.sha256,
    storage: row.storage as FileView['storage'],
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
  };
}
