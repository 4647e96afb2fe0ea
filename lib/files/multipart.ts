import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { AppError } from '../errors';

/** The one file part of an upload, as it streams in. */
export interface IncomingFile {
  stream: Readable;
  filename: string;
  mimeType: string;
}

// Room for the multipart boundaries and part headers around the file itself.
const ENVELOPE_BYTES = 64 * 1024;

/**
 * Reads a multipart/form-data request with busboy straight from the request's body stream (never buffering the
 * upload) and hands its `file` part to `handle`, whose result it returns. Other fields are skipped. A request
 * that is not multipart is 415, one without a `file` part 422, malformed multipart 400, and a declared
 * Content-Length beyond the limit 413 before anything is read. When `handle` fails, the rest of the request is
 * not read.
 */
export function receiveFile<T>(
  req: Request,
  maxFileBytes: number,
  handle: (file: IncomingFile) => Promise<T>,
): Promise<T> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new AppError(
      'unsupported_media_type',
      `expected Content-Type: multipart/form-data with the file in a "file" field, got ${type || 'none'}`,
    );
  }
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > maxFileBytes + ENVELOPE_BYTES) {
    throw new AppError('too_large', `the upload exceeds the limit of ${maxFileBytes} bytes`);
  }
  if (!req.body) throw missingFile('the request has no body');
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      defParamCharset: 'utf8',
      // busboy truncates past fileSize; the spool counts too and refuses at maxFileBytes + 1.
      limits: { files: 1, fileSize: maxFileBytes + 1, fields: 20, fieldSize: 8 * 1024, parts: 25 },
    });
  } catch (error) {
    throw new AppError('malformed', `malformed multipart request: ${(error as Error).message}`);
  }
  const source = Readable.fromWeb(req.body as WebReadableStream<Uint8Array>);
  return new Promise<T>((resolve, reject) => {
    let handled: Promise<T> | undefined;
    let fileAsField = false;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      source.destroy();
      parser.removeAllListeners('close');
      reject(error);
    };
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || handled) {
        stream.resume();
        return;
      }
      handled = handle({ stream, filename: info.filename ?? '', mimeType: info.mimeType });
      handled.catch(fail);
    });
    parser.on('field', (name) => {
      if (name === 'file') fileAsField = true;
    });
    parser.on('error', (error: Error) =>
      fail(new AppError('malformed', `malformed multipart request: ${error.message}`)),
    );
    parser.on('close', () => {
      if (!handled) {
        fail(
          missingFile(
            fileAsField
              ? 'the "file" field is a plain field; send it as a file part (with a filename)'
              : 'the multipart body has no "file" field',
          ),
        );
        return;
      }
      handled.then((value) => {
        settled = true;
        resolve(value);
      }, fail);
    });
    source.on('error', (error) => fail(new AppError('malformed', `upload interrupted: ${error.message}`)));
    source.pipe(parser);
  });
}

function missingFile(message: string): AppError {
  return new AppError('invalid', `body.file: ${message}`, [{ path: 'body.file', message }]);
}
