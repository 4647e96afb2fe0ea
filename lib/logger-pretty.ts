import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { prettyFactory } from 'pino-pretty';

/**
 * Human-readable logs for `npm run dev`: the supervisor passes its children's output through this, turning
 * each JSON log line into pino-pretty's text and leaving every other line (Next.js's own output) as it is.
 * The processes themselves always write JSON, so `npm start` output stays machine-readable.
 */
export function prettifyLines(input: Readable, output: Writable): void {
  const pretty = prettyFactory({
    colorize: Boolean((output as { isTTY?: boolean }).isTTY),
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
  });
  createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
    output.write(line.startsWith('{') ? pretty(line) : `${line}\n`);
  });
}
