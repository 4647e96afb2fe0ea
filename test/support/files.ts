import { readdir } from 'node:fs/promises';
import path from 'node:path';
import * as collection from '../../app/api/v1/files/route';

/** A small PDF with binary bytes (NUL, 0xff) in it, so any re-encoding on the way would show. */
export function pdfBytes(tag = ''): Buffer {
  return Buffer.concat([
    Buffer.from(`%PDF-1.4\n%${tag}\n`, 'latin1'),
    Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x80, 0x0d, 0x0a]),
    Buffer.from('\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ]);
}

/** The start of a 64-bit ELF executable: file-type recognises it as application/x-elf. */
export function elfBytes(): Buffer {
  const header = Buffer.alloc(256);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]).copy(header);
  header.writeUInt16LE(2, 16); // ET_EXEC
  header.writeUInt16LE(0x3e, 18); // x86-64
  return header;
}

/** POST /api/v1/files with a multipart body built by the platform's FormData, as a browser would send it. */
export function upload(
  key: string,
  file: { bytes: Buffer; filename: string; type: string; field?: string },
  headers: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  form.append('note', 'fields other than "file" are ignored');
  form.append(
    file.field ?? 'file',
    new Blob([new Uint8Array(file.bytes)], { type: file.type }),
    file.filename,
  );
  const req = new Request('http://localhost/api/v1/files', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, ...headers },
    body: form,
  });
  return collection.POST(req, { params: Promise.resolve({}) });
}

/** Every file below `dir` (recursively), relative to it; none when it does not exist. */
export async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
