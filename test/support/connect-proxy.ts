import { createServer } from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';

/**
 * A forward proxy as corporate egress runs one (HTTP CONNECT, RFC 9110 §9.3.6), on 127.0.0.1. It tunnels only the
 * `host:port` targets it is given a route for (to wherever a fake listens), so nothing a test sends through it
 * reaches the real host; any other target is refused with 403. It can ask for Basic credentials (407 with a
 * Proxy-Authenticate challenge without them) and be told to refuse every tunnel with a status of the test's.
 */

export interface ConnectRequest {
  /** `host:port` as asked for in the CONNECT line. */
  target: string;
  /** The Proxy-Authorization header it carried. */
  authorization?: string;
  /** The status the proxy answered. */
  status: number;
}

export interface ConnectProxy {
  url: string;
  connects: ConnectRequest[];
  /** Asks for these Basic credentials from now on (undefined: none). */
  requireCredentials(credentials: { username: string; password: string } | undefined): void;
  /** Refuses every CONNECT with this status from now on (undefined: tunnel again). */
  refuse(status: number | undefined): void;
  close(): Promise<void>;
}

const REASONS: Record<number, string> = {
  200: 'Connection Established',
  403: 'Forbidden',
  407: 'Proxy Authentication Required',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export async function startConnectProxy(
  routes: Record<string, { host: string; port: number }>,
): Promise<ConnectProxy> {
  const connects: ConnectRequest[] = [];
  const sockets = new Set<Socket>();
  let expected: string | undefined;
  let refusal: number | undefined;

  const server = createServer((_req, res) => {
    res.writeHead(405, { allow: 'CONNECT' }).end();
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    const authorization = req.headers['proxy-authorization'];
    const answer = (status: number, headers: Record<string, string> = {}) => {
      connects.push({ target, ...(authorization ? { authorization } : {}), status });
      const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
      return `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\n${lines.join('')}`;
    };
    const refuseWith = (status: number, headers: Record<string, string> = {}) =>
      client.end(`${answer(status, { ...headers, 'content-length': '0', connection: 'close' })}\r\n`);
    if (expected !== undefined && authorization !== expected) {
      return refuseWith(407, { 'proxy-authenticate': 'Basic realm="egress"' });
    }
    if (refusal !== undefined) return refuseWith(refusal);
    const route = routes[target];
    if (!route) return refuseWith(403);
    const upstream = net.connect(route.port, route.host);
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.once('connect', () => {
      client.write(`${answer(200)}\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.once('error', () => client.destroy());
    client.once('error', () => upstream.destroy());
    client.once('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connects,
    requireCredentials: (credentials) => {
      expected = credentials
        ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
        : undefined;
    },
    refuse: (status) => {
      refusal = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
