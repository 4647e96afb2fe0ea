'use client';

import { useEffect, useRef, useState } from 'react';
import { useFieldArray, useFormContext, useFormState, useWatch } from 'react-hook-form';
import { errorsUnder } from '@/components/forms/field-error';
import { GroupError, TextareaField } from '@/components/forms/form-fields';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { type MoveFocus, StepCard } from './step-card';
import { newStep, STEP_CHOICES, type StepType } from './step-drafts';
import { movedMessage } from './step-order';
import { draftsToJson, jsonToDrafts } from './steps-json';
import type { WorkflowFormValues } from './workflow-form-schema';

/**
 * The workflow's steps (inside the workflow form): a field array of step cards that are added, moved (buttons,
 * or Alt+arrows on a step's handle), removed and edited; or the whole array as JSON ("Advanced: edit as JSON").
 */
export function StepsEditor({ readOnly }: { readOnly: boolean }) {
  const { control, getValues, setValue, clearErrors } = useFormContext<WorkflowFormValues>();
  const { fields, append, move, remove, replace } = useFieldArray({ control, name: 'steps' });
  const stepsJson = useWatch({ control, name: 'stepsJson' });
  const [addType, setAddType] = useState<StepType>('send');
  const [switchError, setSwitchError] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  // A moved card is re-inserted in the DOM, which drops the focus: put it back once the list has re-rendered.
  const focusAfterRender = useRef<string | null>(null);
  useEffect(() => {
    if (!focusAfterRender.current) return;
    document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = null;
  });

  function moveStep(from: number, to: number, focus: MoveFocus) {
    const id = fields[from]!.id;
    const stays = (focus === 'up' && to > 0) || (focus === 'down' && to < fields.length - 1);
    focusAfterRender.current = `step-${id}-${stays ? focus : 'handle'}`;
    move(from, to);
    setAnnouncement(movedMessage(from, to, fields.length));
  }

  function removeStep(index: number) {
    const neighbour = fields[index + 1] ?? fields[index - 1];
    focusAfterRender.current = neighbour ? `step-${neighbour.id}-handle` : 'add-step-button';
    remove(index);
    setAnnouncement(`Step ${index + 1} removed.`);
  }

  function toggleJson() {
    const switched = stepsJson === null ? draftsToJson(getValues('steps')) : jsonToDrafts(stepsJson);
    if ('error' in switched) return setSwitchError(switched.error);
    if ('json' in switched) setValue('stepsJson', switched.json);
    else {
      replace(switched.drafts);
      setValue('stepsJson', null);
    }
    setSwitchError(undefined);
    clearErrors(['steps', 'stepsJson']);
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900">Steps</h2>
        <Checkbox
          id="steps-json-mode"
          label="Advanced: edit as JSON"
          checked={stepsJson !== null}
          onChange={toggleJson}
        />
      </div>
      <GroupError name="steps" />
      {switchError ? (
        <p role="alert" className="text-xs text-red-600">
          {switchError}
        </p>
      ) : null}
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {stepsJson !== null ? (
        <>
          <TextareaField
            name="stepsJson"
            id="steps-json"
            label="Steps (JSON)"
            hint="The whole steps array, as the API takes it."
            rows={18}
            spellCheck={false}
            readOnly={readOnly}
            controlClassName="font-mono text-xs"
          />
          <StepMessages />
        </>
      ) : (
        <>
          {fields.length === 0 ? (
            <p className="text-sm text-slate-500">No steps yet; add one below.</p>
          ) : null}
          {readOnly || fields.length === 0 ? null : (
            <p id="steps-reorder-help" className="text-xs text-slate-500">
              To move a step with the keyboard, focus its ⠿ handle and press Alt+↑ or Alt+↓.
            </p>
          )}
          <ol className="flex flex-col gap-3">
            {fields.map((field, index) => (
              <StepCard
                key={field.id}
                index={index}
                count={fields.length}
                type={field.type}
                idPrefix={`step-${field.id}`}
                readOnly={readOnly}
                onMove={(to, focus) => moveStep(index, to, focus)}
                onRemove={() => removeStep(index)}
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
                  aria-describedby="add-step-type-hint"
                  onChange={(e) => setAddType(e.target.value as StepType)}
                >
                  {STEP_CHOICES.map(({ type, label }) => (
                    <option key={type} value={type}>
                      {label}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button id="add-step-button" variant="secondary" onClick={() => append(newStep(addType))}>
                Add step
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** In JSON mode, the problems with the steps (the form's check or the server's), by step. */
function StepMessages() {
  const { errors } = useFormState<WorkflowFormValues>({ name: 'steps' });
  const messages = Object.entries(errorsUnder(errors, 'steps')).filter(([path]) => path !== '');
  if (!messages.length) return null;
  return (
    <ul className="flex flex-col gap-1 text-xs text-red-600">
      {messages.map(([path, message]) => {
        const [index, ...rest] = path.split('.');
        return (
          <li key={path}>
            Step {Number(index) + 1}
            {rest.length ? ` (${rest.join('.')})` : ''}: {message}
          </li>
        );
      })}
    </ul>
  );
}
