import type { schema } from '../../db';
import type { EngineDeps } from '../../deps';
import type { Logger } from '../../logger';

export type TriggerRow = typeof schema.triggers.$inferSelect;

export type ConsumerState = 'connecting' | 'running' | 'paused' | 'error' | 'stopped';

export interface StatusUpdate {
  state: ConsumerState;
  lag?: number | null;
  lastMessageAt?: Date;
  lastError?: string | null;
}

export interface RuntimeContext {
  /** The trigger with its config decrypted. */
  trigger: TriggerRow;
  workerId: string;
  deps: EngineDeps;
  log: Logger;
  /** Records this worker's consumer state for the trigger (Triggers page, GET /triggers/:id, /api/health). */
  report(update: StatusUpdate): Promise<void>;
  /**
   * Aborts when the manager gives up on this start (it took too long, the trigger changed, the worker stops): a
   * runtime still connecting should stop trying and reject. A runtime that comes up anyway is stopped at once.
   */
  signal?: AbortSignal;
}

/** A running consumer, timer or poller for one trigger in one worker. `stop` must let in-flight work commit. */
export interface TriggerRuntime {
  stop(): Promise<void>;
}

export type StartRuntime = (ctx: RuntimeContext) => Promise<TriggerRuntime>;
