import { z } from 'zod';
import { filterSchema } from './filters';
import { templateProblem } from './templates';

/** A Liquid template string; syntax is checked when the workflow is saved. */
export const templateString = (what: string) =>
  z
    .string()
    .max(100_000)
    .superRefine((value, ctx) => {
      const problem = templateProblem(value);
      if (problem)
        ctx.addIssue({ code: 'custom', message: `${what} is not a valid Liquid template: ${problem}` });
    });

export const sendStepSchema = z.strictObject({
  type: z.literal('send'),
  name: z.string().max(100).optional(),
  channel_id: z.uuid(),
  /** Recipient template; may render to several addresses separated by commas. Optional for webhooks. */
  to: templateString('to').optional(),
  template: z.strictObject({
    subject: templateString('subject').optional(),
    body: templateString('body'),
    html: templateString('html').optional(),
  }),
  fallback_channel_id: z.uuid().optional(),
});

export const delayStepSchema = z.union([
  z.strictObject({
    type: z.literal('delay'),
    name: z.string().max(100).optional(),
    seconds: z
      .number()
      .int()
      .min(1)
      .max(90 * 24 * 3600),
  }),
  z.strictObject({
    type: z.literal('delay'),
    name: z.string().max(100).optional(),
    /** Template rendering to an ISO 8601 time. */
    until: templateString('until'),
  }),
]);

export const digestStepSchema = z.strictObject({
  type: z.literal('digest'),
  name: z.string().max(100).optional(),
  window_seconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600),
  /** Events whose key renders the same are collected into one run of the following steps. */
  key: templateString('key'),
});

export const conditionStepSchema = z.strictObject({
  type: z.literal('condition'),
  name: z.string().max(100).optional(),
  /** When the filter does not match `{event, data}`, the steps after this one are skipped. */
  filter: filterSchema,
});

const STEP_TYPES = ['send', 'delay', 'digest', 'condition'];

/**
 * A plain union answers a bad step with a bare "Invalid input". This names the step type and the failing fields
 * of the variant(s) whose `type` matched, e.g. `send step: channel_id: Invalid input: expected string…`.
 * (A discriminated union would give per-field paths, but the two delay variants share `type: "delay"`.)
 */
function stepProblem(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const type = (issue.input as { type?: unknown } | undefined)?.type;
  if (typeof type !== 'string' || !STEP_TYPES.includes(type))
    return `type must be one of: ${STEP_TYPES.join(', ')}`;
  const matching = variants(issue.errors).filter((issues) => !issues.some((i) => i.path[0] === 'type'));
  const described = matching.map((issues) =>
    issues.map((i) => `${i.path.join('.') || '(step)'}: ${i.message}`).join('; '),
  );
  return `${type} step: ${described.join(' — or — ')}`;
}

/** Each variant's issues; a nested union (delay) contributes one list per variant of its own. */
function variants(lists: z.core.$ZodIssue[][]): z.core.$ZodIssue[][] {
  return lists.flatMap((issues) => {
    const [only] = issues;
    return issues.length === 1 && only?.code === 'invalid_union' && only.path.length === 0
      ? variants(only.errors)
      : [issues];
  });
}

export const stepSchema = z.union([sendStepSchema, delayStepSchema, digestStepSchema, conditionStepSchema], {
  error: stepProblem,
});
export type Step = z.infer<typeof stepSchema>;
export type SendStep = z.infer<typeof sendStepSchema>;

export const workflowKeySchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, ".", "_" or "-"');

export const createWorkflowSchema = z.strictObject({
  key: workflowKeySchema,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  steps: z.array(stepSchema).min(1, 'a workflow needs at least one step').max(50),
  enabled: z.boolean().default(true),
});

// `enabled` is re-declared without its default: `.partial()` keeps defaults, so a PATCH that only renames a
// workflow would otherwise silently re-enable it.
export const updateWorkflowSchema = createWorkflowSchema
  .omit({ key: true })
  .extend({ enabled: z.boolean() })
  .partial();

export const workflowSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  steps: z.array(stepSchema),
  enabled: z.boolean(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type WorkflowView = z.infer<typeof workflowSchema>;

export const triggerWorkflowSchema = z.strictObject({
  data: z.record(z.string(), z.unknown()).default({}),
  /** Optional recipient exposed to templates as `recipient`. */
  recipient: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
});

/** `/api/v1/workflows/:key` takes the workflow's key, or its id for convenience. */
export const workflowRefParams = z.object({
  key: z.string().min(1).max(100).describe('The workflow key (or its UUID id)'),
});
