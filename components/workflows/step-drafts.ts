import { parseJsonObject, toJsonText } from '@/components/data/json-text';
import type { AttachmentDraft } from '@/components/files/attachments-field';
import { STEP_DEFINITIONS, STEP_TYPES, type StepType } from '@/lib/workflows/steps';

/**
 * The steps editor works on drafts: the API's step objects with every field as the text the user typed, so a
 * problem at `steps.2.template.body` names the draft's field too. `toStep` turns a draft into the API's step;
 * `toDraft` reads a step (from the API or the JSON editor). The step types offered are the engine's registry
 * (lib/workflows/steps); a type without a form of its own here is edited as its JSON fields.
 */
export type { StepType };
export const STEP_CHOICES = STEP_DEFINITIONS.map(({ type, label, description }) => ({
  type,
  label,
  description,
}));
type FormStepType = 'send' | 'delay' | 'digest' | 'condition';

export type SendDraft = {
  type: 'send';
  name: string;
  channel_id: string;
  to: string;
  template: { subject: string; body: string; html: string };
  fallback_channel_id: string;
  attachments: AttachmentDraft[];
};
export type DelayDraft = {
  type: 'delay';
  name: string;
  mode: 'seconds' | 'until';
  seconds: string;
  until: string;
};
export type DigestDraft = { type: 'digest'; name: string; window_seconds: string; key: string };
export type ConditionDraft = { type: 'condition'; name: string; filter: string };
/** A registered step type without a form here: its fields (all but type and name) as a JSON object. */
export type JsonDraft = { type: Exclude<StepType, FormStepType>; name: string; fields: string };
export type StepDraft = SendDraft | DelayDraft | DigestDraft | ConditionDraft | JsonDraft;

/** A draft field whose text cannot become a value, at its path below the step (`['filter']`). */
export interface DraftProblem {
  path: string[];
  message: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));
const object = (value: unknown) =>
  (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;

export function newStep(type: StepType): StepDraft {
  return toDraft({ type }) as StepDraft;
}

/** A step object as a draft, or undefined when its type is not one the editor knows. */
export function toDraft(step: unknown): StepDraft | undefined {
  const s = object(step);
  const name = text(s.name);
  switch (s.type) {
    case 'send': {
      const template = object(s.template);
      return {
        type: 'send',
        name,
        channel_id: text(s.channel_id),
        to: text(s.to),
        template: { subject: text(template.subject), body: text(template.body), html: text(template.html) },
        fallback_channel_id: text(s.fallback_channel_id),
        attachments: attachmentDrafts(s.attachments),
      };
    }
    case 'delay':
      return {
        type: 'delay',
        name,
        mode: s.until !== undefined ? 'until' : 'seconds',
        seconds: text(s.seconds),
        until: text(s.until),
      };
    case 'digest':
      return { type: 'digest', name, window_seconds: text(s.window_seconds), key: text(s.key) };
    case 'condition':
      return { type: 'condition', name, filter: toJsonText(s.filter ?? {}) };
    default: {
      if (!STEP_TYPES.includes(s.type as StepType)) return undefined;
      const { type, name: _name, ...fields } = s;
      return { type: type as JsonDraft['type'], name, fields: toJsonText(fields) };
    }
  }
}

function attachmentDrafts(value: unknown): AttachmentDraft[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const a = object(item);
    return typeof a.file_id === 'string'
      ? [{ file_id: a.file_id, filename: text(a.filename) || a.file_id }]
      : [];
  });
}

/** Drops empty optional strings, so the API sees only what was filled in. */
const optional = (value: string) => (value === '' ? undefined : value);

/** The API's step for a draft, and the fields whose text could not be read. Undefined members are dropped. */
export function toStep(draft: StepDraft): { step: Record<string, unknown>; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const number = (field: string, value: string) => {
    if (value.trim() === '') return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) problems.push({ path: [field], message: 'must be a number' });
    return parsed;
  };
  const json = (field: string, label: string, value: string) => {
    const parsed = parseJsonObject(value);
    if (!parsed.ok) problems.push({ path: [field], message: `${label} ${parsed.error}` });
    return parsed.ok ? (parsed.value as Record<string, unknown>) : {};
  };
  const name = optional(draft.name.trim());
  let step: Record<string, unknown>;
  switch (draft.type) {
    case 'send':
      if (!draft.channel_id) problems.push({ path: ['channel_id'], message: 'choose a channel' });
      step = {
        type: 'send',
        name,
        channel_id: optional(draft.channel_id),
        to: optional(draft.to),
        template: {
          subject: optional(draft.template.subject),
          // Left out when empty: a webhook channel's payload template is the body then.
          body: optional(draft.template.body),
          html: optional(draft.template.html),
        },
        fallback_channel_id: optional(draft.fallback_channel_id),
        // Only the ids: the server fills in each file's name and type when it saves the workflow.
        attachments: draft.attachments.length
          ? draft.attachments.map((a) => ({ file_id: a.file_id }))
          : undefined,
      };
      break;
    case 'delay':
      step =
        draft.mode === 'seconds'
          ? { type: 'delay', name, seconds: number('seconds', draft.seconds) }
          : { type: 'delay', name, until: draft.until };
      break;
    case 'digest':
      step = {
        type: 'digest',
        name,
        window_seconds: number('window_seconds', draft.window_seconds),
        key: draft.key,
      };
      break;
    case 'condition':
      step = { type: 'condition', name, filter: json('filter', 'Filter', draft.filter) };
      break;
    default: {
      // Only reached by a registered type without a form (none today, so TypeScript sees `never`).
      const other = draft as JsonDraft;
      step = { ...json('fields', 'Fields', other.fields), type: other.type, name };
    }
  }
  // JSON.stringify drops the undefined members when the request is sent; doing it here keeps the JSON view tidy.
  return { step: JSON.parse(JSON.stringify(step)), problems };
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
