import { parseJson } from '@/components/data/json-text';
import { type StepDraft, toDrafts, toSteps } from './step-drafts';

/** The steps editor: drafts in form mode, or the whole array as text in "Advanced: edit as JSON" mode. */
export interface StepsState {
  drafts: StepDraft[];
  /** The JSON text while editing as JSON; null in form mode. */
  json: string | null;
  /** Why the last switch between the modes did not happen. */
  switchError?: string;
}

export function initialStepsState(steps: unknown[]): StepsState {
  const read = toDrafts(steps);
  // Steps the form cannot show (a type this console does not know yet) open in JSON mode instead.
  if ('error' in read) return { drafts: [], json: JSON.stringify(steps, null, 2) };
  return { drafts: read.drafts, json: null };
}

/** The steps to save, or messages keyed like problem paths (`steps`, `steps.1.filter`). */
export function readSteps(state: StepsState): { steps: unknown[]; errors: Record<string, string> } {
  if (state.json === null) return toSteps(state.drafts);
  const parsed = parseJson(state.json);
  if (!parsed.ok) return { steps: [], errors: { steps: `Steps ${parsed.error}` } };
  if (!Array.isArray(parsed.value)) return { steps: [], errors: { steps: 'Steps must be a JSON array.' } };
  return { steps: parsed.value, errors: {} };
}

export function toggleJsonMode(state: StepsState): StepsState {
  if (state.json === null) {
    const { steps, errors } = toSteps(state.drafts);
    const first = Object.values(errors)[0];
    if (first) return { ...state, switchError: `Fix the steps first: ${first}` };
    return { drafts: state.drafts, json: JSON.stringify(steps, null, 2) };
  }
  const parsed = parseJson(state.json);
  if (!parsed.ok) return { ...state, switchError: `Steps ${parsed.error}` };
  const read = toDrafts(parsed.value);
  if ('error' in read) return { ...state, switchError: read.error };
  return { drafts: read.drafts, json: null };
}
