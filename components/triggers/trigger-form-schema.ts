import { z } from 'zod';
import { configSchema } from '@/components/config-form/config-schema';
import {
  type ConfigValues,
  configFieldFor,
  initialConfigValues,
} from '@/components/config-form/config-values';
import { toJsonText } from '@/components/data/json-text';
import { chosen, jsonObjectText, pipeTo } from '@/components/forms/text-values';
import { triggerNameSchema, triggerWorkflowIdSchema } from '@/lib/triggers/trigger-fields';
import { filterSchema } from '@/lib/workflows/filters';
import type { CreateTriggerInput, TriggerTypeForm, TriggerView, UpdateTriggerInput } from './queries';
import { formKey } from './trigger-types';

/** The trigger form's values: the request body's shape, with text where the user types. */
export interface TriggerFormValues {
  name: string;
  /** The chosen form: the type, plus the broker of an event trigger (see formKey). */
  type: string;
  workflow_id: string;
  enabled: boolean;
  config: ConfigValues;
  /** `config.filter`, edited as JSON text with its own tester. */
  filter: string;
}

export function triggerFormValues(trigger: TriggerView | undefined, form: TriggerTypeForm | undefined) {
  return {
    name: trigger?.name ?? '',
    type: form ? formKey(form) : '',
    workflow_id: trigger?.workflow_id ?? '',
    enabled: trigger?.enabled ?? true,
    config: initialConfigValues(form?.fields ?? [], trigger?.config),
    filter: toJsonText(trigger?.config.filter ?? {}),
  } satisfies TriggerFormValues;
}

/**
 * The form's schema for a trigger type: name, workflow and filter through the API's own schemas; the type's
 * settings read from text here and checked by the server (their schemas read the server's environment).
 */
export function triggerFormSchema(form: TriggerTypeForm | undefined) {
  return z
    .object({
      name: triggerNameSchema,
      type: chosen('choose a type'),
      workflow_id: pipeTo(chosen('choose a workflow'), triggerWorkflowIdSchema),
      enabled: z.boolean(),
      config: configSchema(form?.fields ?? []),
      filter: pipeTo(jsonObjectText, filterSchema),
    })
    .transform(({ name, workflow_id, enabled, config, filter }) => ({
      name,
      type: form?.type ?? '',
      workflow_id,
      enabled,
      config: { ...(form?.queue_type ? { queue_type: form.queue_type } : {}), ...config, filter },
    }));
}
export type TriggerInput = z.output<ReturnType<typeof triggerFormSchema>>;

export const toCreateInput = (input: TriggerInput) => input as CreateTriggerInput;

/**
 * Only what changed since `saved` (unticking Enabled sends `{enabled: false}`), so a save never rewrites a
 * config nobody touched. With nothing changed it still sends `enabled`, which the server accepts as a no-op.
 */
export function triggerPatch(saved: TriggerInput | undefined, input: TriggerInput): UpdateTriggerInput {
  const { name, workflow_id, enabled, config } = input;
  if (!saved) return { name, workflow_id, enabled, config };
  const patch: UpdateTriggerInput = {};
  if (name !== saved.name) patch.name = name;
  if (workflow_id !== saved.workflow_id) patch.workflow_id = workflow_id;
  if (enabled !== saved.enabled) patch.enabled = enabled;
  if (JSON.stringify(config) !== JSON.stringify(saved.config)) patch.config = config;
  return Object.keys(patch).length ? patch : { enabled };
}

/** Where a server error shows: the filter, the type select (the broker), a settings field, or above them. */
export function triggerErrorField(form: TriggerTypeForm | undefined) {
  const fields = form?.fields ?? [];
  return (path: string): string => {
    if (path === 'config.filter' || path.startsWith('config.filter.')) return 'filter';
    if (path === 'config.queue_type') return 'type';
    if (path === 'config') return fields.length ? 'config' : 'filter';
    if (!path.startsWith('config.')) return path;
    const field = configFieldFor(fields, path.slice('config.'.length));
    return field ? `config.${field}` : 'config';
  };
}
