import http from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent as is: percent-encoding (valid or not) reaches the server untouched. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body in chunks without Content-Length (a client that does not declare its size). */
  chunked?: boolean;
}

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

/**
 * One HTTP/1.1 request with node:http rather than fetch, so the path, headers and framing are exactly what the
 * test wrote. A server that resets the connection fails the request (and the test) rather than yielding a status.
 */
export function send(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: Record<string, string> = { ...request.headers };
  if (body && !request.chunked) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: request.method, path: request.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(60_000, () =>
      req.destroy(new Error(`${request.method} ${request.path}: no answer in 60 s`)),
    );
    req.on('error', (error) => {
      // A server refusing a large body may answer (413) and close before it has read everything.
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
      reject(error);
    });
    if (body && request.chunked) {
      const size = 64 * 1024;
      for (let at = 0; at < body.length; at += size) req.write(body.subarray(at, at + size));
      req.end();
    } else req.end(body);
  });
}

/** What a failure message shows of a request: method, path, content type and the start of the body. */
export function describeRequest(request: RawRequest): string {
  const body = request.body === undefined ? '' : String(request.body);
  const shown = body.length > 300 ? `${body.slice(0, 300)}… (${body.length} chars)` : body;
  return `${request.method} ${request.path} [${request.headers?.['content-type'] ?? 'no content-type'}] ${shown}`;
}
