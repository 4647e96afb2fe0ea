import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createApiKeySchema } from '../api-keys/schemas';
import { createApiKey, listApiKeys, revokeApiKey } from '../api-keys/service';
import { keyring } from '../crypto/keyring';
import { rotateSecrets } from '../crypto/rotate';
import type { Db } from '../db';
import { runRetention } from '../maintenance/retention';
import { retentionEnabled, retentionSettings } from '../maintenance/settings';
import { createUserSchema } from '../users/schemas';
import { createUser } from '../users/service';

export class UsageError extends Error {
  override name = 'UsageError';
}

interface Command {
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean' }>;
  run(
    values: Record<string, string | boolean | undefined>,
    db: Db,
    out: (line: string) => void,
  ): Promise<void>;
}

function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new UsageError(
    result.error.issues.map((i) => `--${i.path.join('.') || 'arguments'}: ${i.message}`).join('\n'),
  );
}

const userCommand = (role: 'admin' | 'viewer' | undefined): Command => ({
  summary: role === 'admin' ? 'create an administrator' : 'create a console user',
  usage:
    role === 'admin'
      ? 'admin:create --email E --password P [--name N]'
      : 'user:create --email E --password P [--role admin|viewer] [--name N]',
  options: {
    email: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    ...(role ? {} : { role: { type: 'string' } }),
  },
  async run(values, db, out) {
    const input = validate(createUserSchema, {
      email: values.email,
      password: values.password,
      name: values.name,
      role: role ?? values.role ?? 'viewer',
    });
    const user = await createUser(input, db);
    out(`created ${user.role} ${user.email} (${user.id})`);
  },
});

export const COMMANDS: Record<string, Command> = {
  'admin:create': userCommand('admin'),
  'user:create': userCommand(undefined),
  'apikey:create': {
    summary: 'create an API key and print it once',
    usage: 'apikey:create --name N --scope admin|trigger',
    options: { name: { type: 'string' }, scope: { type: 'string' } },
    async run(values, db, out) {
      const input = validate(createApiKeySchema, { name: values.name, scope: values.scope });
      const created = await createApiKey(input, db);
      out(created.key);
      process.stderr.write(
        `created ${created.scope} API key "${created.name}" (${created.id}); the key above is shown only once\n`,
      );
    },
  },
  'apikey:list': {
    summary: 'list API keys (never their secrets)',
    usage: 'apikey:list',
    options: {},
    async run(_values, db, out) {
      for (const key of await listApiKeys({ limit: 1000 }, db)) {
        out([key.id, key.prefix, key.scope, key.revoked_at ? 'revoked' : 'active', key.name].join('\t'));
      }
    },
  },
  'apikey:revoke': {
    summary: 'revoke an API key',
    usage: 'apikey:revoke --id ID',
    options: { id: { type: 'string' } },
    async run(values, db, out) {
      const { id } = validate(z.object({ id: z.uuid('must be an API key id (UUID)') }), values);
      await revokeApiKey(id, db);
      out(`revoked ${id}`);
    },
  },
  'keys:rotate': {
    summary: 're-encrypt every stored secret under ENCRYPTION_KEY (old keys in ENCRYPTION_KEYS_OLD)',
    usage: 'keys:rotate',
    options: {},
    async run(_values, db, out) {
      const ring = keyring();
      const { rows, secrets } = await rotateSecrets(db, ring);
      out(
        `re-encrypted ${secrets} secret(s) in ${rows} row(s) under key ${ring.current.id}; ENCRYPTION_KEYS_OLD can now be removed`,
      );
    },
  },
  'retention:run': {
    summary: 'delete what is older than EVENTS_/MESSAGES_RETENTION_DAYS now (as the daily job does)',
    usage: 'retention:run',
    options: {},
    async run(_values, db, out) {
      const settings = retentionSettings();
      if (!retentionEnabled(settings))
        throw new UsageError(
          'set EVENTS_RETENTION_DAYS and/or MESSAGES_RETENTION_DAYS first: nothing to delete',
        );
      const result = await runRetention(db, settings);
      const counts = Object.entries(result.deleted).map(([table, n]) => `${table} ${n}`);
      out(`deleted ${counts.join(', ') || 'nothing'}`);
      if (result.error) throw new Error(`retention stopped: ${result.error}`);
    },
  },
};

export function helpText(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(62)} ${c.summary}`);
  return `usage: npm run cli -- <command> [options]\n\ncommands:\n${lines.join('\n')}\n  db:migrate${' '.repeat(53)}apply pending database migrations`;
}

/** Parses argv for a command; throws UsageError naming the problem. */
export function parseCommand(argv: string[]): {
  name: string;
  command: Command;
  values: Record<string, string | boolean | undefined>;
} {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') throw new UsageError(helpText());
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"\n\n${helpText()}`);
  try {
    const { values } = parseArgs({
      args: rest,
      options: command.options,
      strict: true,
      allowPositionals: false,
    });
    return { name, command, values };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nusage: npm run cli -- ${command.usage}`);
  }
}
