/**
 * Baseline: a bare node:http server that stores each POSTed event as one row of the same database's `events`
 * table with one parameterised INSERT (a pool of 10, the web process's default), and answers 202. Run as a
 * child process; sends `{port}` over IPC once it listens.
 */
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('error', () => {});

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        event_type: string;
        data: unknown;
      };
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO events (source, event_type, payload, occurred_at) VALUES ('api', $1, $2, now()) RETURNING id`,
        [body.event_type, JSON.stringify(body)],
      );
      const answer = JSON.stringify({ event_id: rows[0]?.id });
      res.writeHead(202, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end((error as Error).message);
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => void pool.end().finally(() => process.exit(0)));
