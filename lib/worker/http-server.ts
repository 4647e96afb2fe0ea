import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { scrapeResponse } from '../monitoring/scrape';
import type { ReadinessReport } from './readiness';

export interface WorkerHttp {
  host: string;
  /** The port listened on (the OS's pick when 0 was asked for). */
  port: number;
  close(): Promise<void>;
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(await response.text());
}

const json = (body: unknown, status = 200) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

async function route(req: IncomingMessage, ready: () => Promise<ReadinessReport>): Promise<Response> {
  const path = new URL(req.url ?? '/', 'http://worker').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return json({ error: `${req.method} is not allowed; use GET` }, 405);
  if (path === '/metrics') return scrapeResponse(req.headers.authorization);
  if (path === '/health/live') return json({ status: 'alive' });
  if (path === '/health/ready') {
    const report = await ready();
    return json(report, report.status === 'ready' ? 200 : 503);
  }
  return json({ error: `no such path: ${path}; try /metrics, /health/live or /health/ready` }, 404);
}

/**
 * The worker's small HTTP port (node:http, nothing else listens in a worker): `/metrics` for Prometheus
 * (`METRICS_TOKEN` applies as on the web), `/health/live` (the process answers) and `/health/ready`
 * (200 while it can work, 503 otherwise, for orchestrators and load balancers).
 */
export async function startWorkerHttp(options: {
  host: string;
  port: number;
  ready: () => Promise<ReadinessReport>;
  onError: (error: unknown) => void;
}): Promise<WorkerHttp> {
  const server = createServer((req, res) => {
    route(req, options.ready)
      .then((response) => send(res, response))
      .catch((error) => {
        options.onError(error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":"internal error"}');
      });
  });
  // Probes and scrapes are short; idle keep-alive sockets must not hold up shutdown.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `WORKER_HTTP_PORT ${options.port} on ${options.host} is already in use: set WORKER_HTTP_PORT to a free port, or 0 to let the system pick one`,
            )
          : error,
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: options.host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
