import { z } from 'zod';
import { describeConfig } from '../channels/config-fields';
import { configFieldSchema } from '../channels/schemas';
import { apiTriggerConfigSchema } from './types/api';
import { kafkaConfigSchema, rabbitmqConfigSchema } from './types/event';
import { pollTriggerConfigSchema } from './types/poll';
import { scheduleTriggerConfigSchema } from './types/schedule';
import { webhookTriggerConfigSchema } from './types/webhook';

export const triggerFormSchema = z.object({
  type: z.enum(['api', 'event', 'webhook', 'schedule', 'poll']),
  queue_type: z.enum(['kafka', 'rabbitmq']).optional().describe('for event triggers: which broker'),
  label: z.string(),
  fields: z.array(configFieldSchema),
});
export type TriggerForm = z.infer<typeof triggerFormSchema>;

/** The console's trigger forms, derived from the same zod schemas that validate trigger configs. */
export function describeTriggerTypes(): TriggerForm[] {
  const form = (
    type: TriggerForm['type'],
    label: string,
    schema: z.ZodType,
    queueType?: 'kafka' | 'rabbitmq',
  ): TriggerForm => ({
    type,
    ...(queueType ? { queue_type: queueType } : {}),
    label,
    // queue_type is fixed by the choice of form; filter has its own editor with "Test filter".
    fields: describeConfig(schema).filter((field) => field.name !== 'queue_type' && field.name !== 'filter'),
  });
  return [
    form('api', 'REST API events (POST /api/v1/events)', apiTriggerConfigSchema),
    form('event', 'Kafka topic', kafkaConfigSchema, 'kafka'),
    form('event', 'RabbitMQ queue', rabbitmqConfigSchema, 'rabbitmq'),
    form('webhook', 'Inbound webhook (POST /api/v1/hooks/:trigger_id)', webhookTriggerConfigSchema),
    form('schedule', 'Schedule (cron)', scheduleTriggerConfigSchema),
    form('poll', 'Poll a URL', pollTriggerConfigSchema),
  ];
}
