import { bigint, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';

/** An uploaded file: its bytes live in the configured storage (local disk or S3-compatible) under its SHA-256. */
export const files = pgTable(
  'files',
  {
    id: id(),
    /** Hex SHA-256 of the content: the storage key, and the same upload twice is one file. */
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Sniffed from the bytes, never taken from the client. */
    contentType: text('content_type').notNull(),
    filename: text('filename').notNull(),
    /** local | s3: where the bytes were written. */
    storage: text('storage').notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('files_sha256_key').on(t.sha256), index('files_created_at_idx').on(t.createdAt.desc())],
);
