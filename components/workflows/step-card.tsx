'use client';

import { Button } from '@/components/ui/button';
import { ConditionStepFields, DelayStepFields, DigestStepFields } from './other-step-fields';
import { SendStepFields } from './send-step-fields';
import type { JsonDraft, StepDraft } from './step-drafts';
import { StepField } from './step-field';

interface StepCardProps {
  draft: StepDraft;
  index: number;
  count: number;
  /** Messages for this step: `''` for the step itself, else the path below it (`channel_id`). */
  errors: Record<string, string>;
  readOnly: boolean;
  onChange: (draft: StepDraft) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}

export function StepCard({
  draft,
  index,
  count,
  errors,
  readOnly,
  onChange,
  onMove,
  onRemove,
}: StepCardProps) {
  const number = index + 1;
  const patch = (change: object) => onChange({ ...draft, ...change } as StepDraft);
  return (
    <li className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">
          Step {number} <span className="font-normal text-slate-500">· {draft.type}</span>
        </h3>
        {readOnly ? null : (
          <div className="flex gap-1.5">
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Move step ${number} up`}
              disabled={index === 0}
              onClick={() => onMove(-1)}
            >
              Up
            </Button>
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Move step ${number} down`}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
            >
              Down
            </Button>
            <Button
              size="sm"
              variant="destructive-outline"
              aria-label={`Remove step ${number}`}
              onClick={onRemove}
            >
              Remove
            </Button>
          </div>
        )}
      </div>
      {errors[''] ? (
        <p className="rounded-md bg-red-50 px-2.5 py-1.5 text-xs text-red-700">{errors['']}</p>
      ) : null}
      <StepField
        id={`${draft.uid}-name`}
        label="Label"
        hint="Optional name for this step."
        className="sm:max-w-sm"
        value={draft.name}
        error={errors.name}
        onChange={(name) => patch({ name })}
      />
      {draft.type === 'send' ? (
        <SendStepFields draft={draft} errors={errors} onChange={patch} />
      ) : draft.type === 'delay' ? (
        <DelayStepFields draft={draft} errors={errors} onChange={patch} />
      ) : draft.type === 'digest' ? (
        <DigestStepFields draft={draft} errors={errors} onChange={patch} />
      ) : draft.type === 'condition' ? (
        <ConditionStepFields draft={draft} errors={errors} onChange={patch} />
      ) : (
        <StepField
          id={`${(draft as JsonDraft).uid}-fields`}
          label="Fields (JSON)"
          multiline
          value={(draft as JsonDraft).fields}
          error={errors['']}
          hint="This step type has no form yet: its settings as a JSON object."
          onChange={(fields) => patch({ fields })}
        />
      )}
    </li>
  );
}
