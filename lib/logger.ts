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
export const logger = pino(
  {
    level: lowestLevel(),
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
  },
  destination(),
);

export type Logger = typeof logger;

/** The logger's own level: the lower of stdout's and the log file's, each stream then filters its own. */
function lowestLevel(): pino.LevelWithSilent {
  const { LOG_LEVEL, LOG_FILE, LOG_FILE_LEVEL } = env();
  if (!LOG_FILE || !LOG_FILE_LEVEL) return LOG_LEVEL;
  const value = (level: pino.LevelWithSilent) => (level === 'silent' ? Infinity : pino.levels.values[level]!);
  return value(LOG_FILE_LEVEL) < value(LOG_LEVEL) ? LOG_FILE_LEVEL : LOG_LEVEL;
}

/**
 * stdout, plus `LOG_FILE` when set (appended synchronously, so the last lines before an exit are kept; several
 * processes may share one file: each line is one append).
 */
function destination(): pino.DestinationStream | undefined {
  const { LOG_LEVEL, LOG_FILE, LOG_FILE_LEVEL } = env();
  if (!LOG_FILE) return undefined;
  const fileLevel = LOG_FILE_LEVEL ?? LOG_LEVEL;
  const streams: pino.StreamEntry[] = [];
  if (LOG_LEVEL !== 'silent') streams.push({ level: LOG_LEVEL, stream: pino.destination(1) });
  if (fileLevel !== 'silent')
    streams.push({
      level: fileLevel,
      stream: pino.destination({ dest: LOG_FILE, append: true, mkdir: true, sync: true }),
    });
  return pino.multistream(streams);
}
