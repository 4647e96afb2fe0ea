import { z } from 'zod';
import { messageViewSchema } from '../messages/schemas';
import { STEP_TYPES, type StepType } from '../workflows/steps';

export const triggerQuery = z.object({
  wait: z.coerce
    .number()
    .min(0)
    .max(30)
    .optional()
    .describe('wait up to this many seconds (max 30) for every message of the run to be final'),
});

export const triggerResultSchema = z.object({
  run_id: z.uuid(),
  workflow_id: z.uuid(),
  done: z.boolean().optional().describe('with ?wait: whether every message was final in time'),
  run_status: z.string().optional(),
  messages: z.array(messageViewSchema).optional(),
});

const renderedMessageSchema = z.object({
  recipient: z.string(),
  subject: z.string().nullable().optional(),
  body: z.string().optional(),
  html: z.string().nullable().optional(),
  error: z
    .string()
    .optional()
    .describe(
      "why this message would fail (template error, no recipient, a body that does not fit the webhook channel's body format)",
    ),
});

export const previewResultSchema = z.object({
  workflow_id: z.uuid(),
  key: z.string(),
  steps: z.array(
    z.object({
      index: z.number().int(),
      type: z.enum(STEP_TYPES as [StepType, ...StepType[]]),
      skipped: z.boolean().optional().describe('after a condition that did not match'),
      channel_id: z.uuid().optional(),
      messages: z.array(renderedMessageSchema).optional(),
      matches: z.boolean().optional(),
      until: z.string().optional(),
      key: z.string().optional(),
      window_seconds: z.number().optional(),
    }),
  ),
});
