import { maskConfig, openConfig, sealConfig } from '../channels/secrets';
import type { TriggerType } from './schemas';
import { TRIGGER_TYPES } from './types';

type Config = Record<string, unknown>;

const definition = (type: TriggerType) => TRIGGER_TYPES[type];

/** Validates a trigger's config for its type and encrypts its secrets (a sent-back mask keeps the old value). */
export function sealTriggerConfig(type: TriggerType, incoming: unknown, previous?: Config | null): Config {
  const def = definition(type);
  if (!def) throw new Error(`trigger type ${type} has no definition`);
  return sealConfig(def, incoming, previous);
}

export function maskTriggerConfig(type: TriggerType, stored: Config): Config {
  return maskConfig(definition(type), stored);
}

/** The config with secrets in clear, for the consumers. */
export function openTriggerConfig(type: TriggerType, stored: Config): Config {
  const def = definition(type);
  return def ? openConfig(def, stored) : stored;
}
