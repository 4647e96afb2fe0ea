import { z } from 'zod';
import { filterSchema } from '../../workflows/filters';
import { defineTriggerType } from './define';

const brokerAddress = z
  .string()
  .trim()
  .regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port');

export const kafkaConfigSchema = z.strictObject({
  queue_type: z.literal('kafka'),
  brokers: z.array(brokerAddress).min(1).meta({
    label: 'Brokers',
    description: 'JSON array of host:port, e.g. ["kafka-1:9092", "kafka-2:9092"]',
  }),
  topic: z
    .string()
    .trim()
    .min(1)
    .max(249)
    .regex(/^[A-Za-z0-9._-]+$/, 'must be a valid Kafka topic name'),
  consumer_group: z.string().trim().min(1).max(255),
  offset: z.enum(['latest', 'earliest']).default('latest').describe('where a new consumer group starts'),
  sasl: z
    .strictObject({
      mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
      username: z.string().min(1),
      password: z.string().min(1).meta({ secret: true, label: 'SASL password' }),
    })
    .optional(),
  ssl: z.boolean().default(false).meta({ label: 'TLS (SSL)' }),
  dead_letter_topic: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]+$/)
    .optional()
    .describe('invalid messages are also copied here'),
  filter: filterSchema,
});

export const rabbitmqConfigSchema = z.strictObject({
  queue_type: z.literal('rabbitmq'),
  connection: z
    .string()
    .trim()
    .regex(/^amqps?:\/\//, 'must be an amqp:// or amqps:// URL')
    .meta({ secret: true, label: 'Connection URL', description: 'amqp://user:password@host:5672/vhost' }),
  queue: z.string().trim().min(1).max(255),
  exchange: z.string().trim().max(255).optional().describe('bound to the queue when given'),
  exchange_type: z.enum(['direct', 'topic', 'fanout', 'headers']).default('topic'),
  routing_key: z.string().max(255).default('#'),
  prefetch: z.number().int().min(1).max(10_000).default(100),
  dead_letter_exchange: z
    .string()
    .trim()
    .max(255)
    .optional()
    .describe('invalid messages are rejected to this exchange (default: <queue>.dlx)'),
  filter: filterSchema,
});

export const eventTriggerConfigSchema = z.discriminatedUnion('queue_type', [
  kafkaConfigSchema,
  rabbitmqConfigSchema,
]);
export type KafkaTriggerConfig = z.output<typeof kafkaConfigSchema>;
export type RabbitmqTriggerConfig = z.output<typeof rabbitmqConfigSchema>;
export type EventTriggerConfig = z.output<typeof eventTriggerConfigSchema>;

export const eventTriggerType = defineTriggerType(
  {
    type: 'event',
    label: 'Message broker (Kafka, RabbitMQ)',
    configSchema: eventTriggerConfigSchema as z.ZodType<EventTriggerConfig>,
  },
  [kafkaConfigSchema, rabbitmqConfigSchema],
);
