import tls from 'node:tls';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { type AllowList, defaultAllowList, guardedConnect } from '../../../outbound/ssrf';
import { clientPool } from '../../client-pool';
import type { SendContext } from '../../types';
import type { SmtpConfig } from './config';

/**
 * Pooled SMTP connections, one pool per channel (see `clientPool`): reusing an authenticated connection saves a
 * TCP + TLS + AUTH round trip per mail. A pool is replaced when its channel's config changes, and closed after a
 * few idle minutes.
 */

const MAX_CONNECTIONS = 5;

const transports = clientPool<SmtpConfig, Transporter<SMTPPool.SentMessageInfo>>({
  create: (config, { allowList }) =>
    nodemailer.createTransport({
      ...transportOptions(config, allowList),
      pool: true,
      maxConnections: MAX_CONNECTIONS,
    }),
  dispose: (transporter) => transporter.close(),
  idleMs: 5 * 60_000,
});

export function pooledTransport(config: SmtpConfig, ctx: SendContext): Transporter<SMTPPool.SentMessageInfo> {
  return transports.get(config, ctx);
}

/** One-off (unpooled) transport, for `verify()`. */
export function singleTransport(
  config: SmtpConfig,
  ctx: SendContext,
): Transporter<SMTPTransport.SentMessageInfo> {
  return nodemailer.createTransport(transportOptions(config, ctx.allowList ?? defaultAllowList()));
}

export function closeSmtpTransports(): Promise<void> {
  return transports.closeAll();
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
