'use client';

import { GroupError, TextField } from '@/components/forms/form-fields';
import { Button } from '@/components/ui/button';
import { ConditionStepFields, DelayStepFields, DigestStepFields, JsonStepFields } from './other-step-fields';
import { SendStepFields } from './send-step-fields';
import type { StepType } from './step-drafts';
import { reorderTarget } from './step-order';

/** Which control keeps the focus after a move: the handle, or the button that was pressed. */
export type MoveFocus = 'handle' | 'up' | 'down';

interface StepCardProps {
  index: number;
  count: number;
  type: StepType;
  /** Stable across moves (the field array's id): the controls' ids hang off it. */
  idPrefix: string;
  readOnly: boolean;
  onMove: (to: number, focus: MoveFocus) => void;
  onRemove: () => void;
}

const FIELDS = {
  send: SendStepFields,
  delay: DelayStepFields,
  digest: DigestStepFields,
  condition: ConditionStepFields,
} as const;

export function StepCard({ index, count, type, idPrefix, readOnly, onMove, onRemove }: StepCardProps) {
  const number = index + 1;
  const name = `steps.${index}`;
  const Fields = (FIELDS as Record<string, typeof SendStepFields>)[type] ?? JsonStepFields;
  return (
    <li
      aria-labelledby={`${idPrefix}-title`}
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-1.5">
          {readOnly ? null : (
            <button
              type="button"
              id={`${idPrefix}-handle`}
              aria-label={`Reorder step ${number}`}
              aria-describedby="steps-reorder-help"
              aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown Alt+Home Alt+End"
              title="Alt+↑ / Alt+↓ moves this step"
              className="rounded px-1 font-mono text-sm leading-none text-slate-400 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
              onKeyDown={(event) => {
                const to = reorderTarget(event, index, count);
                if (to === null) return;
                event.preventDefault();
                onMove(to, 'handle');
              }}
            >
              ⠿
            </button>
          )}
          <h3 id={`${idPrefix}-title`} className="text-sm font-semibold text-slate-900">
            Step {number} <span className="font-normal text-slate-500">· {type}</span>
          </h3>
        </div>
        {readOnly ? null : (
          <div className="flex gap-1.5">
            <Button
              id={`${idPrefix}-up`}
              size="sm"
              variant="ghost"
              aria-label={`Move step ${number} up`}
              disabled={index === 0}
              onClick={() => onMove(index - 1, 'up')}
            >
              Up
            </Button>
            <Button
              id={`${idPrefix}-down`}
              size="sm"
              variant="ghost"
              aria-label={`Move step ${number} down`}
              disabled={index === count - 1}
              onClick={() => onMove(index + 1, 'down')}
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
      <GroupError name={name} className="rounded-md bg-red-50 px-2.5 py-1.5 text-xs text-red-700" />
      <TextField
        name={`${name}.name`}
        id={`${idPrefix}-name`}
        label="Label"
        hint="Optional name for this step."
        autoComplete="off"
        className="sm:max-w-sm"
      />
      <Fields name={name} idPrefix={idPrefix} />
    </li>
  );
}
