import { z } from 'zod';
import { env } from '../../env';
import { filterSchema } from '../../workflows/filters';
import { defineTriggerType } from './define';

const brokerAddress = z
  .string()
  .trim()
  .regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port');

export const kafkaConfigSchema = z.strictObject({
  queue_type: z.literal('kafka'),
  brokers: z.array(brokerAddress).min(1).optional().meta({
    label: 'Brokers',
    description:
      'JSON array of host:port, e.g. ["kafka-1:9092", "kafka-2:9092"]; default: the KAFKA_BROKERS environment variable (127.0.0.1:9092)',
  }),
  topic: z
    .string()
    .trim()
    .min(1)
    .max(249)
    .regex(/^[A-Za-z0-9._-]+$/, 'must be a valid Kafka topic name'),
  consumer_group: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .optional()
    .describe(
      'default: switchboard.<topic>; two triggers reading one topic need groups of their own to each see every message',
    ),
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
    .optional()
    .meta({
      secret: true,
      label: 'Connection URL',
      description: 'amqp://user:password@host:5672/vhost; default: the RABBITMQ_URL environment variable',
    }),
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

/** The group a Kafka trigger saved without one joins: one per topic, so triggers on different topics never share one. */
export const defaultConsumerGroup = (topic: string) => `switchboard.${topic}`;

/**
 * The seed's short forms work as written (`{queue_type: "kafka", topic, filter}`, `{queue_type: "rabbitmq", queue,
 * filter}`): brokers, connection and consumer group get their defaults here, so the stored config shows them.
 */
export const eventTriggerConfigSchema = z
  .discriminatedUnion('queue_type', [kafkaConfigSchema, rabbitmqConfigSchema])
  // Filled in here, not with zod defaults: a default would show in the form descriptions and the public OpenAPI
  // document, and RABBITMQ_URL may hold a password.
  .transform((config) =>
    config.queue_type === 'kafka'
      ? {
          ...config,
          brokers: config.brokers ?? env().KAFKA_BROKERS,
          consumer_group: config.consumer_group ?? defaultConsumerGroup(config.topic),
        }
      : { ...config, connection: config.connection ?? env().RABBITMQ_URL },
  );
export type KafkaTriggerConfig = z.output<typeof kafkaConfigSchema> & {
  brokers: string[];
  consumer_group: string;
};
export type RabbitmqTriggerConfig = z.output<typeof rabbitmqConfigSchema> & { connection: string };
export type EventTriggerConfig = z.output<typeof eventTriggerConfigSchema>;

export const eventTriggerType = defineTriggerType(
  {
    type: 'event',
    label: 'Message broker (Kafka, RabbitMQ)',
    configSchema: eventTriggerConfigSchema as z.ZodType<EventTriggerConfig>,
  },
  [kafkaConfigSchema, rabbitmqConfigSchema],
);
