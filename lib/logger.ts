import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';
import { env } from './env';

/** Ids every line logged inside `withLogFields` carries (request, event, run, message, channel on a delivery). */
const logFields = new AsyncLocalStorage<Record<string, unknown>>();

/** Runs `fn` so that every log line written during it, however deep, carries `fields`. */
export function withLogFields<T>(fields: Record<string, unknown>, fn: () => T): T {
  return logFields.run(fields, fn);
}

/**
 * One structured logger for web, worker and CLI. Anything that looks like a credential is redacted
 * before it is written, so a careless `log.info({ config })` cannot leak a secret.
 */
export const logger = pino({
  level: env().LOG_LEVEL,
  base: { service: process.env.SWITCHBOARD_PROCESS ?? 'switchboard' },
  mixin: () => logFields.getStore() ?? {},
  redact: {
    // Channel and trigger configs hold credentials whatever their field names: a config is never logged,
    // at the top level or one or two levels down (`{ channel: { config } }`, an SDK error's `err.config`).
    paths: [
      'config',
      '*.config',
      '*.*.config',
      ...[
        'password',
        'secret',
        'token',
        'apiKey',
        'api_key',
        'authorization',
        'Authorization',
        'cookie',
        'accessToken',
        'access_token',
        'authToken',
        'auth_token',
        'privateKey',
        'private_key',
        'clientSecret',
        'client_secret',
        'secretAccessKey',
        'signingSecret',
        'signing_secret',
      ].flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
      'key',
    ],
    censor: '[redacted]',
  },
});

export type Logger = typeof logger;
