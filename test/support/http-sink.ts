import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SinkRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  receivedAt: number;
}

export interface SinkReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (the client's timeout must fire). */
  hang?: boolean;
}

export type Responder = (req: SinkRequest, index: number) => SinkReply | Promise<SinkReply>;

export interface HttpSink {
  url: string;
  port: number;
  requests: SinkRequest[];
  respondWith(responder: Responder): void;
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<SinkRequest[]>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A real HTTP server on 127.0.0.1 recording every request; answers 200 unless told otherwise. */
export async function startHttpSink(): Promise<HttpSink> {
  const requests: SinkRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let responder: Responder = () => ({
    status: 200,
    body: '{"ok":true}',
    headers: { 'content-type': 'application/json' },
  });
  const server = createServer(async (req, res) => {
    const record: SinkRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
      ),
      body: await readBody(req),
      receivedAt: Date.now(),
    };
    const index = requests.push(record) - 1;
    for (const w of waiters.filter((w) => requests.length >= w.count)) w.resolve();
    const reply = await responder(record, index);
    if (reply.hang) return;
    res.writeHead(reply.status, reply.headers ?? {});
    res.end(reply.body ?? '');
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    respondWith(next) {
      responder = next;
    },
    waitForRequests(count, timeoutMs = 30_000) {
      if (requests.length >= count) return Promise.resolve(requests);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`sink saw ${requests.length} of ${count} requests`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(requests);
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
