import { createHash } from 'node:crypto';
import tls from 'node:tls';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { type AllowList, defaultAllowList, guardedConnect } from '../../../outbound/ssrf';
import type { SendContext } from '../../types';
import type { SmtpConfig } from './config';

/**
 * Pooled SMTP connections, one pool per channel (or per config when no channel id is given): reusing an
 * authenticated connection saves a TCP + TLS + AUTH round trip per mail. A pool is replaced when its channel's
 * config changes, and closed after a few idle minutes.
 */

const IDLE_MS = 5 * 60_000;
const MAX_CONNECTIONS = 5;

interface Pool {
  fingerprint: string;
  transporter: Transporter<SMTPPool.SentMessageInfo>;
  lastUsed: number;
}

const pools = new Map<string, Pool>();

export function pooledTransport(config: SmtpConfig, ctx: SendContext): Transporter<SMTPPool.SentMessageInfo> {
  const allowList = ctx.allowList ?? defaultAllowList();
  // A hash, so that the map holds no password; the allow-list is part of it as it shapes every connection.
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([config, allowList.ranges.map(String), [...allowList.hosts]]))
    .digest('hex');
  const key = ctx.channelId ?? fingerprint;
  const now = Date.now();
  closeIdle(now);
  const existing = pools.get(key);
  if (existing?.fingerprint === fingerprint) {
    existing.lastUsed = now;
    return existing.transporter;
  }
  existing?.transporter.close();
  const transporter = nodemailer.createTransport({
    ...transportOptions(config, allowList),
    pool: true,
    maxConnections: MAX_CONNECTIONS,
  });
  pools.set(key, { fingerprint, transporter, lastUsed: now });
  return transporter;
}

/** One-off (unpooled) transport, for `verify()`. */
export function singleTransport(
  config: SmtpConfig,
  ctx: SendContext,
): Transporter<SMTPTransport.SentMessageInfo> {
  return nodemailer.createTransport(transportOptions(config, ctx.allowList ?? defaultAllowList()));
}

export async function closeSmtpTransports(): Promise<void> {
  for (const pool of pools.values()) pool.transporter.close();
  pools.clear();
}

function closeIdle(now: number): void {
  for (const [key, pool] of pools) {
    if (now - pool.lastUsed > IDLE_MS) {
      pool.transporter.close();
      pools.delete(key);
    }
  }
}

function transportOptions(config: SmtpConfig, allowList: AllowList): SMTPTransport.Options {
  const timeoutMs = config.timeout_seconds * 1000;
  return {
    host: config.host,
    port: config.port,
    secure: config.secure === 'tls',
    requireTLS: config.secure === 'starttls',
    ignoreTLS: config.secure === 'none',
    ...(config.username ? { auth: { user: config.username, pass: config.password } } : {}),
    // A private CA is trusted besides the public ones, never instead of verification.
    ...(config.ca ? { tls: { ca: [...tls.rootCertificates, config.ca] } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
    debug: false,
    // nodemailer resolves and connects by itself; handing it a socket from the guard keeps SMTP hosts under
    // the same SSRF rules as webhooks (nodemailer still does STARTTLS/TLS on top, verifying the host name).
    getSocket: (_options, callback) => {
      guardedConnect({ host: config.host, port: config.port, allowList, timeoutMs }).then(
        (socket) => callback(null, { connection: socket }),
        (error: Error) => callback(error, undefined),
      );
    },
  };
}
