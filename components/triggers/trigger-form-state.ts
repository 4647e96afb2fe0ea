import { buildConfig, type ConfigValues, initialConfigValues } from '@/components/config-form/config-values';
import { parseJsonObject, toJsonText } from '@/components/data/json-text';
import type { CreateTriggerInput, TriggerTypeForm, TriggerView, UpdateTriggerInput } from './queries';
import { formKey } from './trigger-types';

/** Everything the trigger form edits, as text where the user types it. */
export interface TriggerFormState {
  name: string;
  /** The chosen form (see formKey). */
  form: string;
  workflowId: string;
  enabled: boolean;
  config: ConfigValues;
  filter: string;
}

export function initialTriggerState(
  trigger: TriggerView | undefined,
  form: TriggerTypeForm | undefined,
): TriggerFormState {
  return {
    name: trigger?.name ?? '',
    form: form ? formKey(form) : '',
    workflowId: trigger?.workflow_id ?? '',
    enabled: trigger?.enabled ?? true,
    config: initialConfigValues(form?.fields ?? [], trigger?.config),
    filter: toJsonText(trigger?.config.filter ?? {}),
  };
}

type Config = Record<string, unknown>;

/**
 * The `config` to send: the form's fields, the broker of an event form (`queue_type`) and the filter; or the
 * fields whose text could not be read, keyed like problem paths (`config.brokers`, `config.filter`).
 */
export function toTriggerConfig(
  state: TriggerFormState,
  form: TriggerTypeForm,
): { config: Config; errors: Record<string, string> } {
  const built = buildConfig(form.fields, state.config);
  const errors = Object.fromEntries(
    Object.entries(built.errors).map(([name, message]) => [`config.${name}`, message]),
  );
  const filter = parseJsonObject(state.filter);
  if (!filter.ok) errors['config.filter'] = filter.error;
  const config: Config = {
    ...(form.queue_type ? { queue_type: form.queue_type } : {}),
    ...built.config,
    filter: filter.ok ? filter.value : {},
  };
  return { config, errors };
}

export function toCreateInput(state: TriggerFormState, form: TriggerTypeForm, config: Config) {
  return {
    name: state.name,
    type: form.type,
    workflow_id: state.workflowId,
    enabled: state.enabled,
    config,
  } as CreateTriggerInput;
}

/**
 * Only what changed since `saved` (unticking Enabled sends `{enabled: false}`), so a save never rewrites a
 * config nobody touched. With nothing changed it still sends `enabled`, which the server accepts as a no-op.
 */
export function toUpdatePatch(
  saved: TriggerFormState,
  state: TriggerFormState,
  form: TriggerTypeForm,
  config: Config,
): UpdateTriggerInput {
  const patch: UpdateTriggerInput = {};
  if (state.name !== saved.name) patch.name = state.name;
  if (state.workflowId !== saved.workflowId) patch.workflow_id = state.workflowId;
  if (state.enabled !== saved.enabled) patch.enabled = state.enabled;
  const before = toTriggerConfig(saved, form).config;
  if (JSON.stringify(before) !== JSON.stringify(config)) patch.config = config;
  return Object.keys(patch).length ? patch : { enabled: state.enabled };
}
