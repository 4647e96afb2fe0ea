/**
 * The fault suite's web process: the product's `POST /api/v1/events` route handler (withApi, the group commit,
 * writeEvents) behind a plain Node HTTP server, started the way `instrumentation.ts` starts Next.js's server
 * (`startWeb`: environment, keys, migrations). It stands in for `next start`, whose production build would cost
 * minutes of the suite's budget; the request path below the framework is the same code.
 * Prints `listening <port>` once it serves.
 */
import { createServer } from 'node:http';

process.env.SWITCHBOARD_PROCESS ??= 'web';
const { startWeb } = await import('../../../lib/web-start');
await startWeb();
const events = await import('../../../app/api/v1/events/route');

const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  try {
    if (req.url !== '/api/v1/events' || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    const response = await events.POST(
      new Request(`http://127.0.0.1${req.url}`, { method: 'POST', headers, body: Buffer.concat(chunks) }),
      { params: Promise.resolve({}) },
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stdout.write(`listening ${process.env.PORT}\n`);
});
