import { z } from 'zod';
import { filterSchema } from '../../workflows/filters';
import { cronProblem, isTimeZone } from '../cron';
import { defineTriggerType } from './define';

export const scheduleTriggerConfigSchema = z.strictObject({
  cron: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .superRefine((cron, ctx) => {
      const problem = cronProblem(cron);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .describe('5 fields (minute hour day month weekday), or 6 with seconds first, e.g. "0 9 * * 1-5"'),
  timezone: z
    .string()
    .trim()
    .max(100)
    .default('UTC')
    .refine(isTimeZone, 'must be an IANA time zone such as "Europe/Berlin" or "UTC"')
    .describe('IANA time zone the cron expression is read in'),
  event_type: z.string().trim().min(1).max(200).default('schedule.tick'),
  data: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('sent as the event data of every tick, plus `scheduled_at`'),
  filter: filterSchema,
});
export type ScheduleTriggerConfig = z.output<typeof scheduleTriggerConfigSchema>;

/** Every worker runs the timer; each tick's source id is unique, so exactly one event is stored per tick. */
export const scheduleTriggerType = defineTriggerType({
  type: 'schedule',
  label: 'Schedule (cron)',
  configSchema: scheduleTriggerConfigSchema as z.ZodType<ScheduleTriggerConfig>,
});
