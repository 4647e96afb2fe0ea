/**
 * The benchmark scenario, made through the product's own service functions: a webhook channel to the sink, a
 * one-step workflow whose body carries the event's send time and number, and one trigger (`api`, or `event`
 * on a Kafka topic). Lib modules are imported lazily: they read the environment, which the bench sets first.
 */
export const EVENT_TYPE = 'bench.event';
export const BODY_TEMPLATE = '{"t": {{ data.t }}, "i": {{ data.i }}}';

export type BenchTrigger =
  | { type: 'api' }
  | { type: 'kafka'; brokers: string[]; topic: string; consumerGroup: string };

export interface Scenario {
  channelId: string;
  workflowId: string;
  triggerId: string;
}

const actor = { principal: null };

export async function createScenario(sinkUrl: string, trigger: BenchTrigger): Promise<Scenario> {
  const { migrateDatabase } = await import('../../lib/db/migrate');
  const { createChannel } = await import('../../lib/channels/service');
  const { createChannelSchema } = await import('../../lib/channels/schemas');
  const { createWorkflow } = await import('../../lib/workflows/service');
  const { createWorkflowSchema } = await import('../../lib/workflows/schemas');
  const { createTrigger } = await import('../../lib/triggers/service');
  const { createTriggerSchema } = await import('../../lib/triggers/schemas');

  await migrateDatabase(process.env.DATABASE_URL!);
  const channel = await createChannel(
    createChannelSchema.parse({
      name: 'bench sink',
      provider: 'webhook',
      config: { url: `${sinkUrl}/hook` },
    }),
    actor,
  );
  const workflow = await createWorkflow(
    createWorkflowSchema.parse({
      key: 'bench',
      name: 'Bench',
      enabled: true,
      steps: [{ type: 'send', channel_id: channel.id, template: { body: BODY_TEMPLATE } }],
    }),
    actor,
  );
  const filter = { event_type: EVENT_TYPE };
  const config =
    trigger.type === 'api'
      ? { filter }
      : {
          queue_type: 'kafka',
          brokers: trigger.brokers,
          topic: trigger.topic,
          consumer_group: trigger.consumerGroup,
          offset: 'earliest',
          filter,
        };
  const created = await createTrigger(
    createTriggerSchema.parse({
      name: 'bench',
      type: trigger.type === 'api' ? 'api' : 'event',
      workflow_id: workflow.id,
      enabled: true,
      config,
    }),
    actor,
  );
  return { channelId: channel.id, workflowId: workflow.id, triggerId: created.id };
}

/** A trigger-scope API key for POST /api/v1/events. */
export async function createTriggerKey(): Promise<string> {
  const { createApiKey } = await import('../../lib/api-keys/service');
  return (await createApiKey({ name: 'bench', scope: 'trigger' })).key;
}

/** Closes the bench process's own pools (the service functions' database pool). */
export async function closeLib(): Promise<void> {
  const { closeDb } = await import('../../lib/db');
  const { stopConfigListener } = await import('../../lib/cache/config-cache');
  const { stopQueueClient } = await import('../../lib/queue/boss');
  await stopConfigListener();
  await stopQueueClient();
  await closeDb();
}
