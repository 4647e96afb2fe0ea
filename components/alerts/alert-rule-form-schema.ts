import { z } from 'zod';
import { configSchema } from '@/components/config-form/config-schema';
import {
  type ConfigValues,
  configFieldFor,
  initialConfigValues,
} from '@/components/config-form/config-values';
import { blankAsNull, numberText, pipeTo } from '@/components/forms/text-values';
import { ALERT_KINDS, type AlertKind } from '@/lib/alerts/kinds';
import { createAlertRuleSchema } from '@/lib/alerts/schemas';
import { describeConfig } from '@/lib/channels/config-fields';
import type { ConfigField } from '@/lib/channels/schemas';
import type { AlertRuleView } from './queries';

/** Params naming a channel or trigger get a select of the existing ones instead of a text field. */
export const REFERENCE_FIELDS = ['channel_id', 'trigger_id'] as const;
export type ReferenceField = (typeof REFERENCE_FIELDS)[number];

/** The alert rule form's values: the request body's shape, with text where the user types. */
export interface AlertRuleFormValues {
  name: string;
  kind: AlertKind;
  /** The kind's params (references included, as an id or ''), as the generated config form keeps them. */
  params: ConfigValues;
  notify_channel_ids: string[];
  notify_to: string;
  cooldown_minutes: string;
  enabled: boolean;
}

const describedFields = new Map(ALERT_KINDS.map((k) => [k.kind, describeConfig(k.schema)]));
const allFields = (kind: AlertKind): ConfigField[] => describedFields.get(kind) ?? [];

/** The kind's params as generated form fields (from its zod schema), references apart. */
export function paramFields(kind: AlertKind): ConfigField[] {
  return allFields(kind).filter((field) => !(REFERENCE_FIELDS as readonly string[]).includes(field.name));
}

export function referenceFields(kind: AlertKind): ReferenceField[] {
  const names = allFields(kind).map((field) => field.name);
  return REFERENCE_FIELDS.filter((name) => names.includes(name));
}

export function initialParams(kind: AlertKind, params?: Record<string, unknown>): ConfigValues {
  return initialConfigValues(allFields(kind), params);
}

export function alertRuleFormValues(rule?: AlertRuleView): AlertRuleFormValues {
  const kind = rule?.kind ?? ALERT_KINDS[0].kind;
  return {
    name: rule?.name ?? '',
    kind,
    params: initialParams(kind, rule?.params),
    notify_channel_ids: rule?.notify_channel_ids ?? [],
    notify_to: rule?.notify_to ?? '',
    cooldown_minutes: String(rule?.cooldown_minutes ?? 30),
    enabled: rule?.enabled ?? true,
  };
}

/** The API's variant for `kind` (the create schema is a discriminated union on it). */
function variantOf(kind: AlertKind) {
  const variant = createAlertRuleSchema.options.find((option) => option.shape.kind.value === kind);
  return variant ?? createAlertRuleSchema.options[0];
}

function build(kind: AlertKind) {
  const variant = variantOf(kind);
  const shape = variant.shape;
  return pipeTo(
    z.object({
      name: shape.name,
      kind: shape.kind,
      params: pipeTo(configSchema(allFields(kind)), shape.params),
      notify_channel_ids: shape.notify_channel_ids,
      notify_to: pipeTo(blankAsNull, shape.notify_to),
      cooldown_minutes: pipeTo(numberText, shape.cooldown_minutes),
      enabled: z.boolean(),
    }),
    variant,
  );
}

const schemas = new Map<AlertKind, ReturnType<typeof build>>();

/** The form's schema for a kind: the API's rule schema for that kind, params read from the generated fields. */
export function alertRuleFormSchema(kind: AlertKind) {
  const cached = schemas.get(kind);
  if (cached) return cached;
  const schema = build(kind);
  schemas.set(kind, schema);
  return schema;
}

/** Where a server error shows: a param on its field (or above them); everything else where the API names it. */
export function alertRuleErrorField(kind: AlertKind) {
  return (path: string): string => {
    if (!path.startsWith('params.')) return path;
    const field = configFieldFor(allFields(kind), path.slice('params.'.length));
    return field ? `params.${field}` : 'params';
  };
}
