import dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import ipaddr from 'ipaddr.js';
import { env } from '../env';
import { DeliveryError } from '../errors';

/**
 * Outbound SSRF guard. Channel configs name hosts that Switchboard then connects to from inside the network, so
 * every outbound connection is checked: the literal host, every address its name resolves to, and (in
 * `http-client.ts`) every redirect hop. Checks happen inside the socket's own `lookup`, so the address that
 * is connected to is the address that was checked — there is no window for DNS rebinding. What is refused and
 * how OUTBOUND_ALLOWLIST opens exceptions: docs/operations.md, "Outbound connections (SSRF guard)".
 */

type Ip = ipaddr.IPv4 | ipaddr.IPv6;

/** Destinations that may be reached although they are private (`OUTBOUND_ALLOWLIST`). */
export interface AllowList {
  ranges: readonly [Ip, number][];
  hosts: ReadonlySet<string>;
}

/** The `code` of every refusal. */
export const OUTBOUND_REFUSED = 'ERR_OUTBOUND_REFUSED';

export class OutboundRefusedError extends DeliveryError {
  override name = 'OutboundRefusedError';
  /** Survives SDKs that rebuild a network error from its message and code (axios, node-fetch). */
  readonly code = OUTBOUND_REFUSED;
  constructor(
    readonly address: string,
    readonly reason: string,
    readonly host?: string,
  ) {
    super(
      host && host !== address
        ? `refused to connect to ${host} (resolves to ${address}, ${article(reason)} ${reason}); add it to OUTBOUND_ALLOWLIST to allow`
        : `refused to connect to ${address} (${reason}); add it to OUTBOUND_ALLOWLIST to allow`,
      'permanent',
    );
  }
}

const RANGE_REASONS: Record<string, string> = {
  private: 'private address',
  uniqueLocal: 'unique-local (private) address',
  loopback: 'loopback address',
  linkLocal: 'link-local address',
  unspecified: 'unspecified address',
  carrierGradeNat: 'carrier-grade NAT address',
  multicast: 'multicast address',
  broadcast: 'broadcast address',
  reserved: 'reserved address',
};

export function parseAllowList(entries: readonly string[]): AllowList {
  const ranges: [Ip, number][] = [];
  const hosts = new Set<string>();
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    if (ipaddr.isValidCIDR(entry)) ranges.push(ipaddr.parseCIDR(entry));
    else if (ipaddr.isValid(entry)) {
      const ip = ipaddr.process(entry);
      ranges.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
    } else hosts.add(normalizeHost(entry));
  }
  return { ranges, hosts };
}

let cachedDefault: { source: readonly string[] | undefined; list: AllowList } | undefined;

/** The process's allow-list, from `OUTBOUND_ALLOWLIST` (empty by default). */
export function defaultAllowList(): AllowList {
  const source = env().OUTBOUND_ALLOWLIST;
  if (!cachedDefault || cachedDefault.source !== source) {
    cachedDefault = { source, list: parseAllowList(source ?? []) };
  }
  return cachedDefault.list;
}

/**
 * Why `address` may not be connected to, or null when it may. Only globally routable unicast addresses pass;
 * IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
export function refusalReason(address: string, allowList: AllowList): string | null {
  let ip: Ip;
  try {
    ip = ipaddr.process(stripBrackets(address));
  } catch {
    return 'not an IP address';
  }
  if (allowList.ranges.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits)))
    return null;
  const range = ip.range();
  if (range === 'unicast') {
    // ::a.b.c.d (deprecated IPv4-compatible form) is "unicast" to ipaddr.js but may still reach a.b.c.d.
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) {
      return 'IPv4-compatible IPv6 address';
    }
    return null;
  }
  return RANGE_REASONS[range] ?? `special-purpose address (${range})`;
}

export function isHostAllowListed(host: string, allowList: AllowList): boolean {
  return allowList.hosts.has(normalizeHost(host));
}

/** Throws when `host` is an IP literal that may not be connected to; host names are checked at lookup. */
export function assertLiteralAllowed(host: string, allowList: AllowList): void {
  const bare = stripBrackets(host);
  if (!net.isIP(bare) || isHostAllowListed(bare, allowList)) return;
  const reason = refusalReason(bare, allowList);
  if (reason) throw new OutboundRefusedError(bare, reason);
}

/** Resolves every address of a name; the system resolver (`dns.lookup`) unless replaced. */
export type OutboundResolver = (hostname: string, options: dns.LookupOptions) => Promise<dns.LookupAddress[]>;

const systemResolver: OutboundResolver = (hostname, options) =>
  dns.promises.lookup(hostname, { ...options, all: true });
let resolver: OutboundResolver = systemResolver;

/**
 * Replaces how the guard resolves names, for the whole process (tests point it at a local DNS server to play
 * DNS rebinding); `undefined` restores the system resolver. Only the resolution is replaced: the guard still
 * checks, and the socket still connects to, exactly the addresses it returns.
 */
export function setOutboundResolver(replacement: OutboundResolver | undefined): void {
  resolver = replacement ?? systemResolver;
}

/** Every address `hostname` resolves to, through the guard's resolver. */
export function resolveOutbound(
  hostname: string,
  options: dns.LookupOptions = {},
): Promise<dns.LookupAddress[]> {
  return resolver(hostname, options);
}

/**
 * A `lookup` for net/tls/http that resolves every address of the name and refuses the connection if any of
 * them is off limits (a name with one public and one private address is refused, not filtered).
 */
export function guardedLookup(allowList: AllowList): net.LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname, { ...options, all: true }).then(
      (addresses) => check(null, addresses),
      (error: NodeJS.ErrnoException) => check(error, []),
    );
    function check(error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) {
      if (error) return callback(error, '');
      if (!isHostAllowListed(hostname, allowList)) {
        for (const { address } of addresses) {
          const reason = refusalReason(address, allowList);
          if (reason) return callback(new OutboundRefusedError(address, reason, hostname), '');
        }
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    }
  };
}

export interface GuardedConnectOptions {
  host: string;
  port: number;
  /** Connect with TLS (certificate verified against `host`); extra options may be given. */
  tls?: boolean | tls.ConnectionOptions;
  allowList?: AllowList;
  signal?: AbortSignal;
  timeoutMs: number;
}

/** Opens a TCP (or TLS) connection whose peer passed the guard. Errors are DeliveryErrors. */
export function guardedConnect(options: GuardedConnectOptions): Promise<net.Socket> {
  const allowList = options.allowList ?? defaultAllowList();
  const host = stripBrackets(options.host);
  const { port, timeoutMs } = options;
  return new Promise((resolve, reject) => {
    assertLiteralAllowed(host, allowList);
    const lookup = guardedLookup(allowList);
    const socket = options.tls
      ? tls.connect({
          host,
          port,
          lookup,
          ...(net.isIP(host) ? {} : { servername: host }),
          ...(typeof options.tls === 'object' ? options.tls : {}),
        })
      : net.connect({ host, port, lookup });
    const fail = (error: DeliveryError) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onError = (error: Error) => fail(connectError(error, host, port));
    const onAbort = () => fail(new DeliveryError(`connecting to ${host}:${port} was aborted`, 'retryable'));
    const timer = setTimeout(
      () =>
        fail(new DeliveryError(`connecting to ${host}:${port} timed out after ${timeoutMs} ms`, 'retryable')),
      timeoutMs,
    );
    const cleanup = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.off('error', onError);
    };
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.once(options.tls ? 'secureConnect' : 'connect', () => {
      cleanup();
      resolve(socket);
    });
  });
}

/** A network failure as a retryable DeliveryError (a refusal by the guard stays permanent). */
export function connectError(error: unknown, host: string, port: number | string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const message = (error as Error).message ?? String(error);
  return new DeliveryError(
    `could not connect to ${host}:${port}: ${code ? `${code} ` : ''}(${message})`,
    'retryable',
  );
}

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function normalizeHost(host: string): string {
  return stripBrackets(host).toLowerCase().replace(/\.$/, '');
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
