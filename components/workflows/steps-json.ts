import { parseJson } from '@/components/data/json-text';
import { type StepDraft, toDrafts, toStep } from './step-drafts';

/**
 * "Advanced: edit as JSON": the steps editor shows the drafts as forms, or the whole steps array as JSON text.
 * These switch between the two, or say why they cannot.
 */

/** A saved workflow's steps: as drafts, or as JSON when the form cannot show one of them (an unknown type). */
export function initialSteps(steps: unknown[]): { drafts: StepDraft[]; json: string | null } {
  const read = toDrafts(steps);
  if ('error' in read) return { drafts: [], json: JSON.stringify(steps, null, 2) };
  return { drafts: read.drafts, json: null };
}

export function draftsToJson(drafts: StepDraft[]): { json: string } | { error: string } {
  const steps = [];
  for (const draft of drafts) {
    const { step, problems } = toStep(draft);
    if (problems[0]) return { error: `Fix the steps first: ${problems[0].message}` };
    steps.push(step);
  }
  return { json: JSON.stringify(steps, null, 2) };
}

export function jsonToDrafts(json: string): { drafts: StepDraft[] } | { error: string } {
  const parsed = parseJson(json);
  if (!parsed.ok) return { error: `Steps ${parsed.error}` };
  return toDrafts(parsed.value);
}
