import { z } from 'zod';
import type { ConfigField } from '@/lib/channels/schemas';
import { buildConfig } from './config-values';

/**
 * The generated config form's values turned into the `config` to send. Each problem is an issue at the field's
 * path, so it shows next to that field; the provider's (or trigger type's, or alert kind's) own schema then
 * checks the rest, on the server or, where the console can load it, piped after this.
 */
export function configSchema(fields: ConfigField[]) {
  return z.record(z.string(), z.unknown()).transform((values, ctx) => {
    const { config, errors } = buildConfig(fields, values);
    for (const [name, message] of Object.entries(errors)) {
      ctx.addIssue({ code: 'custom', path: name.split('.'), message, input: values });
    }
    return config;
  });
}
