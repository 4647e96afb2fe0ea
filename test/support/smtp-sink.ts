import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  host: string;
  port: number;
  messages: ParsedMail[];
  /** For each accepted mail (same order as `messages`): whether its connection was TLS, and which version. */
  transport: { secure: boolean; protocol: string | null }[];
  waitForMessages(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1; every accepted mail is parsed with mailparser.
 * With `auth`, only that user and password are accepted. With `tls`, it speaks TLS from the first byte
 * (`implicit`, port 465 style) or offers STARTTLS; without, it offers no STARTTLS.
 */
export async function startSmtpSink(
  options: {
    auth?: { user: string; pass: string };
    port?: number;
    tls?: { key: string; cert: string; implicit: boolean };
  } = {},
): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const transport: SmtpSink['transport'] = [];
  const protocols = new Map<string, string | null>();
  const waiters: { count: number; resolve: () => void }[] = [];
  const disabled = [...(options.tls ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])];
  const server = new SMTPServer({
    secure: options.tls?.implicit ?? false,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    disabledCommands: disabled,
    onSecure(socket, session, callback) {
      protocols.set(session.id, (socket as TLSSocket).getProtocol());
      callback();
    },
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          transport.push({ secure: session.secure, protocol: protocols.get(session.id) ?? null });
          for (const w of waiters.filter((w) => messages.length >= w.count)) w.resolve();
          callback();
        })
        .catch(callback);
    },
  });
  // A client that hangs up during the TLS handshake (one refusing the certificate) is an error event here.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    messages,
    transport,
    waitForMessages(count, timeoutMs = 30_000) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`SMTP sink got ${messages.length} of ${count} mails`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(messages);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
