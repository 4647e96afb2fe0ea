/**
 * The webhook sink, run as a child process of its own (so it shares no event loop with the load generator or
 * the producer): answers 200 at once, counts requests, de-duplicates by `webhook-id` and records
 * receive time − the `t` in the JSON body. Talks to the bench process over IPC (see sink.ts).
 */
import { createServer } from 'node:http';
import type { SinkReply, SinkRequest, SinkStats } from './sink';

let requests = 0;
let repeats = 0;
let withoutId = 0;
let firstAt = 0;
let lastAt = 0;
let seen = new Set<string>();
let latencies: number[] = [];
let times: number[] = [];

function reset(): void {
  requests = repeats = withoutId = firstAt = lastAt = 0;
  seen = new Set();
  latencies = [];
  times = [];
}

function stats(): SinkStats {
  return { requests, distinct: seen.size, repeats, withoutId, firstAt, lastAt };
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const receivedAt = Date.now();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '2' });
    res.end('{}');
    requests++;
    firstAt ||= receivedAt;
    lastAt = receivedAt;
    const id = req.headers['webhook-id'];
    if (typeof id !== 'string') {
      withoutId++;
      return;
    }
    if (seen.has(id)) {
      repeats++;
      return;
    }
    seen.add(id);
    times.push(receivedAt);
    try {
      const t = Number((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { t?: unknown }).t);
      if (Number.isFinite(t)) latencies.push(receivedAt - t);
    } catch {
      // not our body: counted, no latency
    }
  });
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

process.on('message', (message: SinkRequest) => {
  let reply: SinkReply;
  if (message.type === 'reset') {
    reset();
    reply = { id: message.id, stats: stats() };
  } else if (message.type === 'report') {
    reply = { id: message.id, stats: stats(), latencies, times };
  } else {
    reply = { id: message.id, stats: stats() };
  }
  process.send?.(reply);
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ id: 0, port: typeof address === 'object' && address ? address.port : 0 });
});
