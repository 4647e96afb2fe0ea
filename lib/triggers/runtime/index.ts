import type { EventTriggerConfig } from '../types/event';
import { startKafkaRuntime } from './kafka';
import { startPollRuntime } from './poll';
import { startRabbitmqRuntime } from './rabbitmq';
import { startScheduleRuntime } from './schedule';
import type { StartRuntime, TriggerRow } from './types';

/** Which runtime a worker runs for a trigger; `api` and `webhook` triggers need none (the web process serves them). */
export function runtimeFor(trigger: Pick<TriggerRow, 'type' | 'config'>): StartRuntime | undefined {
  switch (trigger.type) {
    case 'event':
      return (trigger.config as EventTriggerConfig).queue_type === 'kafka'
        ? startKafkaRuntime
        : startRabbitmqRuntime;
    case 'schedule':
      return startScheduleRuntime;
    case 'poll':
      return startPollRuntime;
    default:
      return undefined;
  }
}

export const RUNTIME_TRIGGER_TYPES = ['event', 'schedule', 'poll'] as const;
