import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { generate } from 'selfsigned';

/**
 * The private target: a TCP listener on 127.0.0.1 and, when the host has IPv6, on [::1], on the same port. It
 * counts every connection (not only HTTP requests: an SMTP, TLS or HTTP/2 client would never send one), so
 * "saw nothing" means no byte and no handshake reached it.
 */
export interface Canary {
  port: number;
  connections: string[];
  close(): Promise<void>;
}

export async function startCanary(): Promise<Canary> {
  const connections: string[] = [];
  const servers: Server[] = [];
  const listen = (host: string, port: number) =>
    new Promise<Server | undefined>((resolve) => {
      const server = createServer((_req, res) => res.end('private data'));
      server.on('connection', (socket: Socket) =>
        connections.push(`${socket.localAddress}:${socket.localPort}`),
      );
      server.once('error', () => resolve(undefined));
      server.listen(port, host, () => resolve(server));
    });
  const v4 = await listen('127.0.0.1', 0);
  if (!v4) throw new Error('cannot listen on 127.0.0.1');
  servers.push(v4);
  const port = (v4.address() as AddressInfo).port;
  const v6 = await listen('::1', port);
  if (v6) servers.push(v6);
  return {
    port,
    connections,
    close: async () => {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

/**
 * The allowed ("public") server on 127.0.0.2, the only address in the test's OUTBOUND_ALLOWLIST. `GET|POST
 * /to/<encoded URL>` answers 302 to that URL (the redirect a hostile but allowed host would send); any other path
 * answers 200 with a JSON body that passes for an OAuth token answer, unless `redirectEverything(url)` is in force.
 * With `tls`, it speaks HTTPS and HTTP/2 (for APNs) with a self-signed certificate for 127.0.0.2 (`ca`).
 */
export interface Redirector {
  url: string;
  port: number;
  /** The certificate to trust, for the TLS variant. */
  ca?: string;
  /** Answers every request with a 302 to `target` (undefined: back to normal). */
  redirectEverything(target: string | undefined): void;
  /** Paths requested, in order. */
  requests: string[];
  /** TCP connections accepted (TLS and SMTP clients connect without ever sending an HTTP request). */
  connections: number[];
  redirectTo(target: string): string;
  close(): Promise<void>;
}

export async function startRedirector(options: { tls?: boolean } = {}): Promise<Redirector> {
  const requests: string[] = [];
  const connections: number[] = [];
  let everything: string | undefined;
  const handle = (
    req: IncomingMessage | http2.Http2ServerRequest,
    response: ServerResponse | http2.Http2ServerResponse,
  ) => {
    // The two compat APIs share what is used here.
    const res = response as ServerResponse;
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    const match = /^\/to\/([^/?]+)/.exec(req.url ?? '');
    const location = everything ?? (match ? decodeURIComponent(match[1] as string) : undefined);
    if (location) {
      res.writeHead(302, { location }).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ access_token: 'token', token_type: 'Bearer', expires_in: 3600, items: [] }));
  };
  let ca: string | undefined;
  let server: Server | http2.Http2SecureServer;
  if (options.tls) {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.2' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.2' }] }],
    });
    ca = pems.cert;
    server = http2.createSecureServer({ key: pems.private, cert: pems.cert, allowHTTP1: true }, handle);
  } else server = createServer(handle);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections.push(socket.remotePort ?? 0);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.2:${port}`;
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session: http2.ServerHttp2Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  return {
    url,
    port,
    ...(ca ? { ca } : {}),
    redirectEverything: (target) => {
      everything = target;
    },
    requests,
    connections,
    redirectTo: (target) => `${url}/to/${encodeURIComponent(target)}`,
    close: async () => {
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
