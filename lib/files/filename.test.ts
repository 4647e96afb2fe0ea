import { describe, expect, it } from 'vitest';
import { attachmentDisposition, safeFilename } from './filename';

describe('safeFilename', () => {
  it('keeps only the last path segment, without control characters', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Users\\ann\\report.pdf')).toBe('report.pdf');
    expect(safeFilename('a\r\nb\u0000c.txt')).toBe('abc.txt');
    expect(safeFilename('..')).toBe('file');
    expect(safeFilename(undefined)).toBe('file');
  });

  it('shortens long names to 200 characters, keeping the extension', () => {
    const name = safeFilename(`${'x'.repeat(300)}.pdf`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact name in filename*', () => {
    expect(attachmentDisposition('Rechnung "März".pdf')).toBe(
      `attachment; filename="Rechnung _M_rz_.pdf"; filename*=UTF-8''Rechnung%20%22M%C3%A4rz%22.pdf`,
    );
    expect(attachmentDisposition("it's (1).txt")).toBe(
      `attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`,
    );
  });
});
