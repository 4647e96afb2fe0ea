import pino from 'pino';
import { env } from './env';

/**
 * One structured logger for web, worker and CLI. Anything that looks like a credential is redacted
 * before it is written, so a careless `log.info({ config })` cannot leak a secret.
 */
export const logger = pino({
  level: env().LOG_LEVEL,
  base: { service: process.env.SWITCHBOARD_PROCESS ?? 'switchboard' },
  redact: {
    paths: [
      'password',
      '*.password',
      'secret',
      '*.secret',
      'token',
      '*.token',
      'apiKey',
      '*.apiKey',
      'api_key',
      '*.api_key',
      'authorization',
      '*.authorization',
      'headers.authorization',
      'config.*',
      'key',
    ],
    censor: '[redacted]',
  },
});

export type Logger = typeof logger;
