import { parseJsonObject, toJsonText } from '@/components/data/json-text';
import type { AttachmentDraft } from '@/components/files/attachments-field';
import { STEP_DEFINITIONS, STEP_TYPES, type StepType } from '@/lib/workflows/steps';

/**
 * The steps editor works on drafts: every field as the text the user typed, plus a client id for React keys.
 * `toSteps` turns them into the API's step objects; `toDrafts` reads steps (from the API or the JSON editor).
 * The step types offered are the engine's registry (lib/workflows/steps); a type without a form of its own
 * here is edited as its JSON fields.
 */
export type { StepType };
export const STEP_CHOICES = STEP_DEFINITIONS.map(({ type, label, description }) => ({
  type,
  label,
  description,
}));
type FormStepType = 'send' | 'delay' | 'digest' | 'condition';

interface Base {
  uid: string;
  name: string;
}
export type SendDraft = Base & {
  type: 'send';
  channel_id: string;
  to: string;
  subject: string;
  body: string;
  html: string;
  fallback_channel_id: string;
  attachments: AttachmentDraft[];
};
export type DelayDraft = Base & { type: 'delay'; mode: 'seconds' | 'until'; seconds: string; until: string };
export type DigestDraft = Base & { type: 'digest'; window_seconds: string; key: string };
export type ConditionDraft = Base & { type: 'condition'; filter: string };
/** A registered step type without a form here: its fields (all but type and name) as a JSON object. */
export type JsonDraft = Base & { type: Exclude<StepType, FormStepType>; fields: string };
export type StepDraft = SendDraft | DelayDraft | DigestDraft | ConditionDraft | JsonDraft;

let lastUid = 0;
const uid = () => `step-${++lastUid}`;
const text = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));

export function newStep(type: StepType): StepDraft {
  return toDraft({ type }) as StepDraft;
}

/** A step object as a draft, or undefined when its type is not one the editor knows. */
export function toDraft(step: unknown): StepDraft | undefined {
  const s = (step && typeof step === 'object' ? step : {}) as Record<string, unknown>;
  const base = { uid: uid(), name: text(s.name) };
  const template = (s.template && typeof s.template === 'object' ? s.template : {}) as Record<
    string,
    unknown
  >;
  switch (s.type) {
    case 'send':
      return {
        ...base,
        type: 'send',
        channel_id: text(s.channel_id),
        to: text(s.to),
        subject: text(template.subject),
        body: text(template.body),
        html: text(template.html),
        fallback_channel_id: text(s.fallback_channel_id),
        attachments: attachmentDrafts(s.attachments),
      };
    case 'delay':
      return {
        ...base,
        type: 'delay',
        mode: s.until !== undefined ? 'until' : 'seconds',
        seconds: text(s.seconds),
        until: text(s.until),
      };
    case 'digest':
      return { ...base, type: 'digest', window_seconds: text(s.window_seconds), key: text(s.key) };
    case 'condition':
      return { ...base, type: 'condition', filter: toJsonText(s.filter ?? {}) };
    default: {
      if (!STEP_TYPES.includes(s.type as StepType)) return undefined;
      const { type, name: _name, ...fields } = s;
      return { ...base, type: type as JsonDraft['type'], fields: toJsonText(fields) };
    }
  }
}

function attachmentDrafts(value: unknown): AttachmentDraft[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const a = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    return typeof a.file_id === 'string'
      ? [{ file_id: a.file_id, filename: text(a.filename) || a.file_id }]
      : [];
  });
}

/** Drops empty optional strings, so the API sees only what was filled in. */
const optional = (value: string) => (value === '' ? undefined : value);
const number = (value: string) => (value.trim() === '' ? undefined : Number(value));

function toStep(draft: StepDraft, index: number, errors: Record<string, string>): Record<string, unknown> {
  const name = optional(draft.name.trim());
  switch (draft.type) {
    case 'send':
      return {
        type: 'send',
        name,
        channel_id: optional(draft.channel_id),
        to: optional(draft.to),
        template: { subject: optional(draft.subject), body: draft.body, html: optional(draft.html) },
        fallback_channel_id: optional(draft.fallback_channel_id),
        // Only the ids: the server fills in each file's name and type when it saves the workflow.
        attachments: draft.attachments.length
          ? draft.attachments.map((a) => ({ file_id: a.file_id }))
          : undefined,
      };
    case 'delay':
      return draft.mode === 'seconds'
        ? { type: 'delay', name, seconds: number(draft.seconds) }
        : { type: 'delay', name, until: draft.until };
    case 'digest':
      return { type: 'digest', name, window_seconds: number(draft.window_seconds), key: draft.key };
    case 'condition': {
      const filter = parseJsonObject(draft.filter);
      if (!filter.ok) errors[`steps.${index}.filter`] = `Filter ${filter.error}`;
      return { type: 'condition', name, filter: filter.ok ? filter.value : {} };
    }
    default: {
      // Only reached by a registered type without a form (none today, so TypeScript sees `never`).
      const other = draft as JsonDraft;
      const fields = parseJsonObject(other.fields);
      if (!fields.ok) errors[`steps.${index}`] = `Fields ${fields.error}`;
      return { ...(fields.ok ? (fields.value as object) : {}), type: other.type, name };
    }
  }
}

/** The steps to send, and messages keyed like problem paths (`steps.2.filter`) for text that is not valid. */
export function toSteps(drafts: StepDraft[]): {
  steps: Record<string, unknown>[];
  errors: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  // JSON.stringify drops the undefined members when the request is sent; doing it here keeps the JSON view tidy.
  const steps = drafts.map((draft, index) => JSON.parse(JSON.stringify(toStep(draft, index, errors))));
  return { steps, errors };
}

/** Steps from the JSON editor as drafts, or a message saying why they cannot be shown as a form. */
export function toDrafts(value: unknown): { drafts: StepDraft[] } | { error: string } {
  if (!Array.isArray(value)) return { error: 'Steps must be a JSON array.' };
  const drafts: StepDraft[] = [];
  for (const [index, step] of value.entries()) {
    const draft = toDraft(step);
    if (!draft) return { error: `Step ${index + 1} has no known type (${STEP_TYPES.join(', ')}).` };
    drafts.push(draft);
  }
  return { drafts };
}
