import type { z } from 'zod';
import type { RunScope } from '../scope';

/** One rendered message of a send step, or why it cannot be sent (template error, no recipient). */
export type RenderedMessage =
  | { recipient: string; subject: string | null; body: string; html: string | null; error?: undefined }
  | { recipient: string; error: string };

/**
 * A channel's own body template (a webhook channel's `payload`), rendered for a send step that has no body
 * template: `label` names it in errors, `problem` says why a rendered body cannot be sent through the channel.
 */
export interface DefaultBody {
  template: string;
  label: string;
  problem(rendered: string): string | undefined;
}

/** What a send step knows of its channel: whether it needs a recipient address, and its default body. */
export interface StepChannel {
  requiresRecipient: boolean;
  type?: string;
  defaultBody?: DefaultBody;
}

/** What the engine tells a step about the world; steps do no I/O of their own beyond rendering. */
export interface StepContext {
  scope: RunScope;
  index: number;
  now: Date;
  /** The channel a send step names, if it exists. */
  channel(id: string): StepChannel | undefined;
}

/**
 * What a step decided. The engine turns it into rows and jobs in the transaction that advances the run:
 * `next` goes on at once (a send step's messages are written with their delivery jobs), `end` completes the
 * run (a condition that did not match), `fail` fails it, `wait` resumes it at a time (delay), `digest` parks
 * it under a key until the window closes.
 */
export type StepOutcome =
  | {
      kind: 'next';
      send?: {
        channelId: string;
        fallbackChannelId: string | null;
        messages: RenderedMessage[];
        /** Stored on every message of the step (e.g. `attachments`: `{file_id, filename, content_type}`). */
        content?: Record<string, unknown>;
      };
    }
  | { kind: 'end' }
  | { kind: 'fail'; error: string }
  | { kind: 'wait'; until: Date }
  | { kind: 'digest'; key: string; until: Date };

/** One step of a preview: what it would do, as the preview API shows it. `stops` skips the steps after it. */
export interface StepPreview {
  fields: Record<string, unknown>;
  stops?: boolean;
}

/**
 * A step type: its schema (API, console, stored workflows), what it does in a run, and what preview shows.
 * Adding a step type is one module exporting this and one line in ./index.ts.
 */
export interface StepDefinition<S extends { type: string } = { type: string }> {
  type: S['type'];
  label: string;
  description: string;
  schema: z.ZodType<S>;
  execute(step: S, ctx: StepContext): Promise<StepOutcome>;
  preview(step: S, ctx: StepContext): Promise<StepPreview>;
}

export const defineStep = <S extends { type: string }>(definition: StepDefinition<S>) => definition;
