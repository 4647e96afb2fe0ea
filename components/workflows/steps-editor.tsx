'use client';

import { useState } from 'react';
import { fieldsUnder } from '@/components/data/form-errors';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { describedBy, Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { StepCard } from './step-card';
import { newStep, STEP_CHOICES, type StepDraft, type StepType } from './step-drafts';
import { type StepsState, toggleJsonMode } from './steps-state';

interface StepsEditorProps {
  state: StepsState;
  /** Messages keyed like problem paths without `body.` (`steps`, `steps.0.channel_id`). */
  errors: Record<string, string>;
  readOnly: boolean;
  onChange: (state: StepsState) => void;
}

/** The workflow's steps as a list of forms, or as one JSON array ("Advanced: edit as JSON"). */
export function StepsEditor({ state, errors, readOnly, onChange }: StepsEditorProps) {
  const [addType, setAddType] = useState<StepType>('send');
  const { drafts } = state;
  const setDrafts = (next: StepDraft[]) => onChange({ ...state, drafts: next, switchError: undefined });

  function move(index: number, offset: -1 | 1) {
    const next = [...drafts];
    const [step] = next.splice(index, 1);
    if (step) next.splice(index + offset, 0, step);
    setDrafts(next);
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900">Steps</h2>
        <Checkbox
          id="steps-json-mode"
          label="Advanced: edit as JSON"
          checked={state.json !== null}
          onChange={() => onChange(toggleJsonMode(state))}
        />
      </div>
      {errors.steps ? <p className="text-xs text-red-600">{errors.steps}</p> : null}
      {state.switchError ? (
        <p role="alert" className="text-xs text-red-600">
          {state.switchError}
        </p>
      ) : null}
      {state.json !== null ? (
        <Field id="steps-json" label="Steps (JSON)" hint="The whole steps array, as the API takes it.">
          <Textarea
            id="steps-json"
            rows={18}
            spellCheck={false}
            className="font-mono text-xs"
            readOnly={readOnly}
            value={state.json}
            onChange={(e) => onChange({ ...state, json: e.target.value, switchError: undefined })}
            {...describedBy('steps-json', undefined, true)}
          />
        </Field>
      ) : (
        <>
          {drafts.length === 0 ? (
            <p className="text-sm text-slate-500">No steps yet; add one below.</p>
          ) : null}
          <ol className="flex flex-col gap-3">
            {drafts.map((draft, index) => (
              <StepCard
                key={draft.uid}
                draft={draft}
                index={index}
                count={drafts.length}
                errors={stepErrors(errors, index)}
                readOnly={readOnly}
                onChange={(changed) => setDrafts(drafts.map((d) => (d.uid === draft.uid ? changed : d)))}
                onMove={(offset) => move(index, offset)}
                onRemove={() => setDrafts(drafts.filter((d) => d.uid !== draft.uid))}
              />
            ))}
          </ol>
          {readOnly ? null : (
            <div className="flex flex-wrap items-end gap-2">
              <Field
                id="add-step-type"
                label="Step type"
                className="w-72"
                hint={STEP_CHOICES.find((c) => c.type === addType)?.description}
              >
                <Select
                  id="add-step-type"
                  value={addType}
                  onChange={(e) => setAddType(e.target.value as StepType)}
                >
                  {STEP_CHOICES.map(({ type, label }) => (
                    <option key={type} value={type}>
                      {label}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button variant="secondary" onClick={() => setDrafts([...drafts, newStep(addType)])}>
                Add step
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** One step's messages: the step's own under `''`, its fields by their path below the step. */
function stepErrors(errors: Record<string, string>, index: number): Record<string, string> {
  const own = errors[`steps.${index}`];
  return { ...fieldsUnder(errors, `steps.${index}`), ...(own ? { '': own } : {}) };
}
