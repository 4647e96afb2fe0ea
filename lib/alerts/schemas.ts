import { z } from 'zod';
import { ALERT_KIND_NAMES, ALERT_KINDS, type AlertKind } from './kinds';

/**
 * The alert-rule resource, once: request bodies (a discriminated union on `kind`, each kind's `params` checked by
 * its own schema, so errors name `params.<field>`), the response views and the history. Shared by the routes,
 * the console and the OpenAPI document; free of server-only imports.
 */

const ruleFields = {
  name: z.string().trim().min(1, 'must not be empty').max(100),
  notify_channel_ids: z
    .array(z.uuid())
    .min(1, 'name at least one channel to notify through')
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, 'lists a channel twice')
    .describe('Channels the notifications go through, in order.'),
  notify_to: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .nullable()
    .describe('Recipient for notify channels that need one (an e-mail address, a phone number).'),
  cooldown_minutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .describe('After a notification, no other one for this long; a rule still firing then is re-notified.'),
  enabled: z.boolean(),
};

const createFields = {
  ...ruleFields,
  notify_to: ruleFields.notify_to.optional(),
  cooldown_minutes: ruleFields.cooldown_minutes.default(30),
  enabled: ruleFields.enabled.default(true),
};

const kindProblem = `kind must be one of: ${ALERT_KIND_NAMES.join(', ')}`;

const variants = ALERT_KINDS.map((definition) =>
  z.strictObject({ kind: z.literal(definition.kind), params: definition.schema, ...createFields }),
);

export const createAlertRuleSchema = z.discriminatedUnion(
  'kind',
  variants as unknown as [(typeof variants)[number], ...(typeof variants)[number][]],
  { error: (issue) => (issue.code === 'invalid_union' ? kindProblem : undefined) },
);
export type CreateAlertRuleInput = Omit<z.output<typeof createAlertRuleSchema>, 'kind' | 'params'> & {
  kind: AlertKind;
  params: Record<string, unknown>;
};

/** A PATCH: any subset. `params` replaces the stored object and is checked against the (new or stored) kind. */
export const updateAlertRuleSchema = z
  .strictObject({
    ...ruleFields,
    kind: z.enum(ALERT_KIND_NAMES, { error: kindProblem }),
    params: z.record(z.string(), z.unknown()),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'send at least one field to change' });
export type UpdateAlertRuleInput = z.output<typeof updateAlertRuleSchema>;

export const alertRuleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(ALERT_KIND_NAMES),
  params: z.record(z.string(), z.unknown()),
  notify_channel_ids: z.array(z.uuid()),
  notify_to: z.string().nullable(),
  cooldown_minutes: z.number().int(),
  enabled: z.boolean(),
  state: z.enum(['ok', 'firing']),
  last_value: z.number().nullable().describe('The figure at the last evaluation.'),
  last_evaluated_at: z.string().nullable(),
  firing_since: z.string().nullable(),
  last_notified_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type AlertRuleView = z.infer<typeof alertRuleSchema>;

export const notificationOutcomeSchema = z.object({
  channel_id: z.uuid(),
  status: z.enum(['sent', 'failed', 'skipped']),
  detail: z.string(),
});
export type NotificationOutcome = z.infer<typeof notificationOutcomeSchema>;

export const alertEventSchema = z.object({
  id: z.uuid(),
  rule_id: z.uuid(),
  kind: z
    .enum(['firing', 'resolved', 'suppressed'])
    .describe('suppressed: fired again within the cooldown, nothing sent.'),
  value: z.number().nullable(),
  summary: z.string(),
  notifications: z.array(notificationOutcomeSchema),
  created_at: z.string(),
});
export type AlertEventView = z.infer<typeof alertEventSchema>;
