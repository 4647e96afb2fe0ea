import { decryptSecret, encryptSecret, isEncrypted } from '../crypto/secret-box';
import { AppError, type FieldError, validationError } from '../errors';
import type { ChannelProvider } from './types';

/**
 * A provider's secret fields (`provider.secretFields`, dotted paths) are stored as `sb1:` ciphertext, shown only
 * masked ("••••" + last 4 characters), and decrypted only to send. A mask sent back on update keeps the value.
 */

export const MASK = '••••';
const SHORTEST_HINTED = 8;

type Config = Record<string, unknown>;
type AnyProvider = Pick<ChannelProvider<unknown>, 'secretFields' | 'configSchema'>;

export function isMasked(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(MASK);
}

/** "••••" plus the last 4 characters; short secrets show nothing of themselves. */
export function maskSecret(clear: string): string {
  return clear.length < SHORTEST_HINTED ? MASK : `${MASK}${clear.slice(-4)}`;
}

/**
 * Validates `incoming` with the provider's schema and encrypts its secrets. Masked values are replaced by the
 * value stored at the same path in `previousStored` first (422 if there is none). Unchanged secrets keep their
 * stored ciphertext. Throws an `invalid` AppError whose paths start at `root`.
 */
export function sealConfig(
  provider: AnyProvider,
  incoming: unknown,
  previousStored?: Config | null,
  root = 'config',
): Config {
  const candidate = structuredClone(incoming) as Config;
  const problems: FieldError[] = [];
  if (candidate && typeof candidate === 'object') {
    for (const path of provider.secretFields) {
      if (!isMasked(getPath(candidate, path))) continue;
      const previous = previousStored ? getPath(previousStored, path) : undefined;
      if (typeof previous === 'string') setPath(candidate, path, openSecret(previous));
      else
        problems.push({
          path: `${root}.${path}`,
          message: 'is a masked value but no secret is stored here to keep; send the secret itself',
        });
    }
  }
  if (problems.length) {
    throw new AppError('invalid', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
  const parsed = provider.configSchema.safeParse(candidate);
  if (!parsed.success) throw validationError(parsed.error, root);

  const clear = parsed.data as Config;
  const stored = structuredClone(clear);
  for (const path of provider.secretFields) {
    const value = getPath(clear, path);
    if (typeof value !== 'string') continue;
    const previous = previousStored ? getPath(previousStored, path) : undefined;
    const unchanged = typeof previous === 'string' && isEncrypted(previous) && tryOpen(previous) === value;
    setPath(stored, path, unchanged ? previous : encryptSecret(value));
  }
  return stored;
}

/** The config as every response shows it. Any other `sb1:` value is masked too, in case a schema forgot one. */
export function maskConfig(
  provider: Pick<ChannelProvider<unknown>, 'secretFields'> | undefined,
  stored: Config,
): Config {
  const masked = structuredClone(stored);
  for (const path of provider?.secretFields ?? []) {
    const value = getPath(masked, path);
    if (typeof value === 'string') setPath(masked, path, maskSecret(tryOpen(value) ?? ''));
  }
  return maskStray(masked) as Config;
}

/** The config with secrets decrypted, for sending. Throws DecryptionError when a key is missing. */
export function openConfig(provider: Pick<ChannelProvider<unknown>, 'secretFields'>, stored: Config): Config {
  const open = structuredClone(stored);
  for (const path of provider.secretFields) {
    const value = getPath(open, path);
    if (typeof value === 'string') setPath(open, path, openSecret(value));
  }
  return open;
}

/** The clear secret values of an opened config, for scrubbing them out of error messages and summaries. */
export function secretValues(
  provider: Pick<ChannelProvider<unknown>, 'secretFields'>,
  open: Config,
): string[] {
  return provider.secretFields
    .map((path) => getPath(open, path))
    .filter((value): value is string => typeof value === 'string' && value.length >= 4);
}

/**
 * Replaces every occurrence of a secret in strings anywhere inside `value`. Runs on every provider answer, so it
 * copies nothing unless a secret is actually there.
 */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  if (!secrets.length) return value;
  if (typeof value === 'string') {
    let text: string = value;
    for (const secret of secrets)
      if (text.includes(secret)) text = text.replaceAll(secret, maskSecret(secret));
    return text as T;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => scrub(item, secrets));
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  if (value && typeof value === 'object' && isPlainObject(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const [key, child] of Object.entries(value)) {
      const clean = scrub(child, secrets);
      if (clean !== child) {
        copy ??= { ...(value as Record<string, unknown>) };
        copy[key] = clean;
      }
    }
    return (copy ?? value) as T;
  }
  return value;
}

/** Values written before encryption existed (or by hand) are used as they are. */
function openSecret(value: string): string {
  return isEncrypted(value) ? decryptSecret(value) : value;
}

function tryOpen(value: string): string | undefined {
  try {
    return openSecret(value);
  } catch {
    return undefined;
  }
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function maskStray(value: unknown): unknown {
  if (isEncrypted(value)) return MASK;
  if (Array.isArray(value)) return value.map(maskStray);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStray(v)]));
  }
  return value;
}

export function getPath(object: Config, path: string): unknown {
  let current: unknown = object;
  for (const key of path.split('.')) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Config)[key];
  }
  return current;
}

function setPath(object: Config, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  let current: Config = object;
  for (const key of keys) {
    const next = current[key];
    if (!next || typeof next !== 'object') return;
    current = next as Config;
  }
  current[last] = value;
}
