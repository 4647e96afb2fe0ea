import { z } from 'zod';

export const fileSchema = z.object({
  id: z.uuid(),
  filename: z.string(),
  /** Sniffed from the bytes when uploaded, never taken from the client. */
  content_type: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  storage: z.enum(['local', 's3']),
  created_by: z.string().nullable(),
  created_at: z.string(),
});
export type FileView = z.infer<typeof fileSchema>;

/** The multipart/form-data body of an upload, for the API document (the route reads the stream itself). */
export const uploadFileSchema = z.object({
  file: z.string().describe('The file, as a file part with a filename. One file per request.'),
});

/** The bytes of a file, for the API document. */
export const fileContentSchema = z.string().describe("The file's bytes, with its stored content type");
