import { buildConfig, type ConfigValues, initialConfigValues } from '@/components/config-form/config-values';
import { ALERT_KINDS, type AlertKind } from '@/lib/alerts/kinds';
import { describeConfig } from '@/lib/channels/config-fields';
import type { ConfigField } from '@/lib/channels/schemas';
import type { AlertRuleView, CreateAlertRuleInput } from './queries';

/** Params naming a channel or trigger get a select of the existing ones instead of a text field. */
export const REFERENCE_FIELDS = ['channel_id', 'trigger_id'] as const;
type ReferenceField = (typeof REFERENCE_FIELDS)[number];

export interface AlertRuleFormState {
  name: string;
  kind: AlertKind;
  /** The kind's other params, as the generated config form keeps them. */
  params: ConfigValues;
  references: Record<ReferenceField, string>;
  notifyChannelIds: string[];
  notifyTo: string;
  cooldown: string;
  enabled: boolean;
}

const describedFields = new Map(ALERT_KINDS.map((k) => [k.kind, describeConfig(k.schema)]));

/** The kind's params as form fields (from its zod schema), references apart. */
export function paramFields(kind: AlertKind): ConfigField[] {
  return (describedFields.get(kind) ?? []).filter(
    (field) => !(REFERENCE_FIELDS as readonly string[]).includes(field.name),
  );
}

export function referenceFields(kind: AlertKind): ReferenceField[] {
  const names = (describedFields.get(kind) ?? []).map((field) => field.name);
  return REFERENCE_FIELDS.filter((name) => names.includes(name));
}

export function initialFormState(rule?: AlertRuleView): AlertRuleFormState {
  const kind = rule?.kind ?? ALERT_KINDS[0].kind;
  const reference = (name: ReferenceField) => {
    const value = rule?.params[name];
    return typeof value === 'string' ? value : '';
  };
  return {
    name: rule?.name ?? '',
    kind,
    params: initialConfigValues(paramFields(kind), rule?.params),
    references: { channel_id: reference('channel_id'), trigger_id: reference('trigger_id') },
    notifyChannelIds: rule?.notify_channel_ids ?? [],
    notifyTo: rule?.notify_to ?? '',
    cooldown: String(rule?.cooldown_minutes ?? 30),
    enabled: rule?.enabled ?? true,
  };
}

/** The request body; text that is not a number is reported per field rather than sent. */
export function toRuleInput(state: AlertRuleFormState): {
  input: CreateAlertRuleInput;
  errors: Record<string, string>;
} {
  const { config, errors } = buildConfig(paramFields(state.kind), state.params);
  const params: Record<string, unknown> = { ...config };
  for (const name of referenceFields(state.kind)) params[name] = state.references[name] || null;
  const cooldown = Number(state.cooldown);
  const localErrors: Record<string, string> = Object.fromEntries(
    Object.entries(errors).map(([name, message]) => [`params.${name}`, message]),
  );
  if (!state.cooldown.trim() || !Number.isFinite(cooldown)) localErrors.cooldown_minutes = 'must be a number';
  return {
    input: {
      name: state.name,
      kind: state.kind,
      params,
      notify_channel_ids: state.notifyChannelIds,
      notify_to: state.notifyTo.trim() || null,
      cooldown_minutes: cooldown,
      enabled: state.enabled,
    } as CreateAlertRuleInput,
    errors: localErrors,
  };
}
