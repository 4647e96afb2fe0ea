import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';

/**
 * A tiny authoritative DNS server on 127.0.0.1 (UDP) for the SSRF tests: it answers A queries for the names it
 * is given, from a function called on every query (so an answer can change between lookups, as in DNS
 * rebinding), with TTL 0. Other types get an empty answer; unknown names NXDOMAIN.
 */
export interface DnsServer {
  port: number;
  /** Queries received per name, in order. */
  queries: string[];
  close(): Promise<void>;
}

export type Answer = (name: string, queryIndex: number) => string[] | undefined;

export async function startDnsServer(answer: Answer): Promise<DnsServer> {
  const socket = dgram.createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (query, peer) => {
    const reply = respond(query, (name) => {
      const index = queries.filter((seen) => seen === name).length;
      queries.push(name);
      return answer(name, index);
    });
    if (reply) socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: (socket.address() as AddressInfo).port,
    queries,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

function respond(query: Buffer, lookup: (name: string) => string[] | undefined): Buffer | undefined {
  if (query.length < 12) return undefined;
  let offset = 12;
  const labels: string[] = [];
  while (offset < query.length && query[offset] !== 0) {
    const length = query[offset] as number;
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString('ascii'));
    offset += 1 + length;
  }
  const questionEnd = offset + 5;
  if (questionEnd > query.length) return undefined;
  const type = query.readUInt16BE(offset + 1);
  const name = labels.join('.').toLowerCase();
  const addresses = type === 1 ? lookup(name) : lookup(name) && [];
  const answers = (addresses ?? []).map((address) => {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    record.writeUInt16BE(1, 2); // A
    record.writeUInt16BE(1, 4); // IN
    record.writeUInt32BE(0, 6); // TTL 0: every lookup asks again
    record.writeUInt16BE(4, 10);
    address.split('.').forEach((part, i) => {
      record[12 + i] = Number(part);
    });
    return record;
  });
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | (addresses ? 0 : 3), 2); // QR AA RD, rcode
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
}
