import { secretPaths } from './config-fields';
import type { ChannelProvider } from './types';

/** Builds a provider; its `secretFields` come from the `secret` meta in its config schema, never a second list. */
export function defineProvider<Config>(
  definition: Omit<ChannelProvider<Config>, 'secretFields'>,
): ChannelProvider<Config> {
  return { ...definition, secretFields: secretPaths(definition.configSchema) };
}
