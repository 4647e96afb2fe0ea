import { apiTriggerType } from './api';
import type { TriggerTypeDefinition } from './define';
import { eventTriggerType } from './event';
import { pollTriggerType } from './poll';
import { scheduleTriggerType } from './schedule';
import { webhookTriggerType } from './webhook';

/**
 * Every trigger type that can be created. Adding one: a file in this folder (config schema with `filter`) and a
 * line here; its runtime (consumer, route or timer) lives in lib/triggers/runtime/ and the worker's manager.
 */
export const TRIGGER_TYPES: Partial<Record<TriggerTypeDefinition['type'], TriggerTypeDefinition>> = {
  api: apiTriggerType,
  event: eventTriggerType as unknown as TriggerTypeDefinition,
  webhook: webhookTriggerType as unknown as TriggerTypeDefinition,
  schedule: scheduleTriggerType as unknown as TriggerTypeDefinition,
  poll: pollTriggerType as unknown as TriggerTypeDefinition,
};
