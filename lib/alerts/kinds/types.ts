import type { z } from 'zod';
import type { Db } from '../../db';

/** What an evaluator may read (passed in, so this registry stays free of server-only imports for the console): the database, and pg-boss's queue counts (queue_depth). */
export interface EvaluationContext {
  db: Db;
  /** WORKER_HEARTBEAT_SECONDS: a worker is live while its heartbeat is younger than three of these. */
  heartbeatSeconds: number;
  /** Jobs ready to run now in a pg-boss queue. */
  queueDepth(queue: string): Promise<number>;
}

/** One reading of a rule's condition. */
export interface Evaluation {
  firing: boolean;
  /** The figure compared with the threshold (a percentage, a count, minutes). */
  value: number | null;
  threshold: number;
  /** One sentence with the figure and the threshold, e.g. `error rate 100 % (12 of 12 attempts) > 50 %`. */
  summary: string;
  /**
   * The channels the alert is about (the channel a rule watches; for a rule on every channel, the failing ones):
   * no notification, firing or resolved, goes out through them.
   */
  channelIds: string[];
}

/**
 * A kind of alert rule: its parameters (zod, strict, so a misspelled field is an error) and how to evaluate
 * them. The API schema, the evaluator and the console all read the registry of these (kinds/index.ts).
 */
export interface AlertKindDefinition<Params = Record<string, unknown>> {
  kind: string;
  label: string;
  description: string;
  schema: z.ZodType<Params>;
  evaluate(ctx: EvaluationContext, params: Params, now: Date): Promise<Evaluation>;
}

export function defineAlertKind<const K extends string, S extends z.ZodType>(definition: {
  kind: K;
  label: string;
  description: string;
  schema: S;
  evaluate(ctx: EvaluationContext, params: z.output<S>, now: Date): Promise<Evaluation>;
}) {
  return definition;
}

export const minutesAgo = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);

/** Rounded for people: 2 decimals at most. */
export const figure = (value: number) => String(Math.round(value * 100) / 100);
