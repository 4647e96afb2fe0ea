import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

const base64Key = z
  .string()
  .trim()
  .refine((value) => Buffer.from(value, 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(value), {
    message: 'must be the base64 encoding of exactly 32 random bytes (e.g. `openssl rand -base64 32`)',
  });

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;

// An outbound allow-list entry: a CIDR (`10.0.0.0/8`), one address (`127.0.0.1`, `::1`) or a host name.
const allowListEntry = z
  .string()
  .refine((value) => ipaddr.isValidCIDR(value) || ipaddr.isValid(value) || HOST_NAME.test(value), {
    message: 'must be a CIDR (10.0.0.0/8), an IP address or a host name',
  });

const postgresUrl = z.url({
  protocol: /^postgres(ql)?$/,
  error: 'must be a postgres:// or postgresql:// URL',
});

const commaList = <T extends z.ZodType<unknown, string>>(item: T) =>
  optionalString.pipe(
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .pipe(z.array(item))
      .optional(),
  );

// `true`/`false` (also 1/0, yes/no); z.coerce.boolean would read "false" as true.
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .transform((value) => value === 'true' || value === '1' || value === 'yes')
    .default(fallback);

const optionalDays = z.coerce.number().int().min(1).max(36500).optional();

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
    DATABASE_URL: optionalString.pipe(postgresUrl.optional()),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DATA_DIR: z.string().trim().min(1).default('.data'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    ENCRYPTION_KEY: optionalString.pipe(base64Key.optional()),
    ENCRYPTION_KEYS_OLD: optionalString.pipe(
      z
        .string()
        .transform((value) => value.split(',').map((key) => key.trim()))
        .pipe(z.array(base64Key))
        .optional(),
    ),
    NEXTAUTH_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    NEXTAUTH_URL: optionalString.pipe(z.url().optional()),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Also append every log line (JSON) to this file; the test suite scans such files for secrets. */
    LOG_FILE: optionalString,
    /** The log file's own level (LOG_LEVEL when unset), e.g. `warn` on stdout and `debug` in the file. */
    LOG_FILE_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    PGBOSS_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
      .default('pgboss'),
    GLOBAL_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(1).optional(),
    /** How long in a row a message may wait out a provider's rate limit (429) before a 429 counts as an attempt. */
    RATE_LIMIT_MAX_WAIT_SECONDS: z.coerce.number().int().min(0).max(604800).default(3600),
    /** Defaults for `event` triggers saved without `brokers` (Kafka) or `connection` (RabbitMQ). */
    KAFKA_BROKERS: z
      .string()
      .trim()
      .default('')
      .transform((value) =>
        (value || '127.0.0.1:9092')
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port')).min(1)),
    RABBITMQ_URL: z
      .string()
      .trim()
      .default('')
      .transform((value) => value || 'amqp://guest:guest@127.0.0.1:5672')
      .pipe(z.string().regex(/^amqps?:\/\//, 'must be an amqp:// or amqps:// URL')),
    STATUS_POLL_AFTER_SECONDS: z.coerce.number().int().min(1).default(300),
    STATUS_POLL_MAX_ATTEMPTS: z.coerce.number().int().min(0).max(20).default(5),
    WORKER_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    WORKER_FETCHERS: z.coerce.number().int().min(1).max(16).default(2),
    DELIVERY_CHANNEL_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
    WORKER_MAX_HEAP_MB: z.coerce.number().int().min(64).max(65536).default(192),
    WORKER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
    LOGIN_BLOCK_SECONDS: z.coerce.number().int().min(1).default(900),
    OUTBOUND_ALLOWLIST: commaList(allowListEntry),
    // Operations: metrics, alerting, replicas, files, retention (docs/operations.md).
    METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    /** Each worker's HTTP port: /metrics, /health/live, /health/ready. 0 lets the OS pick a free port. */
    WORKER_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
    WORKER_HTTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
    ALERT_EVALUATION_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
    /** The console's public address, for links in alert notifications (NEXTAUTH_URL when unset). */
    CONSOLE_URL: optionalString.pipe(z.url().optional()),
    DATABASE_REPLICA_URLS: commaList(postgresUrl),
    REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).max(86400).default(10),
    STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
    /** Where the local driver keeps files; `<DATA_DIR>/files` when unset. */
    STORAGE_PATH: optionalString,
    S3_ENDPOINT: optionalString.pipe(z.url().optional()),
    S3_BUCKET: optionalString,
    S3_REGION: z.string().trim().min(1).default('us-east-1'),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_FORCE_PATH_STYLE: flag(false),
    FILE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(1024 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    /** Content types an upload may have (sniffed from its bytes); `type/*` allows a whole family. */
    FILE_ALLOWED_TYPES: commaList(
      z.string().regex(/^[a-z]+\/([a-z0-9.+-]+|\*)$/, 'must be a type/subtype or type/*'),
    ),
    EVENTS_RETENTION_DAYS: optionalDays,
    MESSAGES_RETENTION_DAYS: optionalDays,
    RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(100000).default(1000),
  })
  .superRefine((value, ctx) => {
    if (value.STORAGE_DRIVER === 's3' && !value.S3_BUCKET)
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when STORAGE_DRIVER=s3' });
  });

export type Env = z.infer<typeof schema>;

/** Thrown when the environment is invalid; the message names every bad variable. */
export class EnvError extends Error {
  override name = 'EnvError';
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const [name, ...rest] = issue.path.map(String);
    return `  ${name}: ${rest.length ? `(entry ${Number(rest[0]) + 1}) ` : ''}${issue.message}`;
  });
  throw new EnvError(`Invalid environment configuration:\n${problems.join('\n')}`);
}

let cached: Env | undefined;

/** The validated environment, parsed once per process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Absolute path of the data folder (embedded database, generated keys). */
export function dataDir(): string {
  return path.resolve(env().DATA_DIR);
}
