import type { z } from 'zod';
import { secretPaths } from '../../channels/config-fields';

/**
 * A trigger type's configuration: its zod schema (with `filter`, validated on save, and `.meta({secret: true})`
 * on credentials, which are encrypted at rest and masked in responses exactly like channel secrets).
 */
export interface TriggerTypeDefinition<Config extends Record<string, unknown> = Record<string, unknown>> {
  type: 'api' | 'event' | 'webhook' | 'schedule' | 'poll';
  label: string;
  configSchema: z.ZodType<Config>;
  secretFields: readonly string[];
}

/** `variants`: for a config that is a union (Kafka | RabbitMQ), the object schemas whose secrets count. */
export function defineTriggerType<Config extends Record<string, unknown>>(
  definition: Omit<TriggerTypeDefinition<Config>, 'secretFields'>,
  variants: z.ZodType[] = [definition.configSchema],
): TriggerTypeDefinition<Config> {
  return { ...definition, secretFields: [...new Set(variants.flatMap((schema) => secretPaths(schema)))] };
}
