import { channelErrorRate } from './channel-error-rate';
import { consumerDisconnected } from './consumer-disconnected';
import { deadLetters } from './dead-letters';
import { noLiveWorker } from './no-live-worker';
import { queueDepth } from './queue-depth';
import type { AlertKindDefinition } from './types';

/**
 * Every kind of alert rule, in the order the console offers them. The API schema (a discriminated union on
 * `kind`), the evaluator and the console's form all read this list: a new kind is a module beside this file
 * and a line here.
 */
export const ALERT_KINDS = [
  channelErrorRate,
  deadLetters,
  consumerDisconnected,
  noLiveWorker,
  queueDepth,
] as const;

export type AlertKind = (typeof ALERT_KINDS)[number]['kind'];
export const ALERT_KIND_NAMES = ALERT_KINDS.map((definition) => definition.kind) as [
  AlertKind,
  ...AlertKind[],
];

const byKind = new Map<string, AlertKindDefinition>(
  ALERT_KINDS.map((definition) => [definition.kind, definition as unknown as AlertKindDefinition]),
);

export function findAlertKind(kind: string): AlertKindDefinition | undefined {
  return byKind.get(kind);
}

export type { AlertKindDefinition, Evaluation, EvaluationContext } from './types';
