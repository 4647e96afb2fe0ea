import { z } from 'zod';
import { conditionStep } from './condition';
import { delayStep } from './delay';
import { digestStep } from './digest';
import { sendStep } from './send';
import type { StepDefinition } from './types';

/**
 * Every step type, in the order the console offers them. The API schema, the engine, preview and the console's
 * step list all read this list: adding a step type is a module beside this file and a line here.
 */
export const STEP_DEFINITIONS = [sendStep, delayStep, digestStep, conditionStep] as const;

export type Step = z.infer<(typeof STEP_DEFINITIONS)[number]['schema']>;
export type StepType = Step['type'];
export const STEP_TYPES: StepType[] = STEP_DEFINITIONS.map((d) => d.type);

const byType = new Map<string, StepDefinition<Step>>(
  STEP_DEFINITIONS.map((d) => [d.type, d as unknown as StepDefinition<Step>]),
);

export function stepDefinition(type: StepType): StepDefinition<Step> {
  return byType.get(type)!;
}

/**
 * A plain union answers a bad step with a bare "Invalid input". This names the step type and the failing fields
 * of the variant(s) whose `type` matched, e.g. `send step: channel_id: Invalid input: expected string…`.
 * (A discriminated union would give per-field paths, but the two delay variants share `type: "delay"`.)
 */
function stepProblem(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const type = (issue.input as { type?: unknown } | undefined)?.type;
  if (typeof type !== 'string' || !byType.has(type)) return `type must be one of: ${STEP_TYPES.join(', ')}`;
  const matching = variants(issue.errors).filter((issues) => !issues.some((i) => i.path[0] === 'type'));
  const described = matching.map((issues) =>
    issues.map((i) => `${i.path.join('.') || '(step)'}: ${i.message}`).join('; '),
  );
  return `${type} step: ${described.join(' — or — ')}`;
}

/** Each variant's issues; a nested union (delay) contributes one list per variant of its own. */
function variants(lists: z.core.$ZodIssue[][]): z.core.$ZodIssue[][] {
  return lists.flatMap((issues) => {
    const [only] = issues;
    return issues.length === 1 && only?.code === 'invalid_union' && only.path.length === 0
      ? variants(only.errors)
      : [issues];
  });
}

const [first, second, ...rest] = STEP_DEFINITIONS.map((d) => d.schema as z.ZodType);
export const stepSchema = z.union([first!, second!, ...rest], {
  error: stepProblem,
}) as unknown as z.ZodType<Step>;

export type { SendStep } from './send';
export type { RenderedMessage, StepContext, StepDefinition, StepOutcome, StepPreview } from './types';
