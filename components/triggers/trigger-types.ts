import type { TriggerTypeForm, TriggerView } from './queries';

/** Identifies a form in the Type select: the type, plus the broker for event triggers (`event:kafka`). */
export function formKey(form: Pick<TriggerTypeForm, 'type' | 'queue_type'>): string {
  return form.queue_type ? `${form.type}:${form.queue_type}` : form.type;
}

/** The form an existing trigger is edited with: its type and, for event triggers, its `queue_type`. */
export function formOfTrigger(forms: TriggerTypeForm[], trigger: TriggerView): TriggerTypeForm | undefined {
  const queueType = trigger.config.queue_type;
  return forms.find(
    (form) => form.type === trigger.type && (!form.queue_type || form.queue_type === queueType),
  );
}

/** Types whose triggers run in the workers (consumers, timers, pollers) and so report a status. */
export function reportsStatus(type: TriggerView['type']): boolean {
  return type === 'event' || type === 'schedule' || type === 'poll';
}

/** A filter in one line for the table: `{}` reads as "every event". */
export function filterSummary(filter: Record<string, unknown> | undefined): string {
  if (!filter || Object.keys(filter).length === 0) return 'every event';
  const text = JSON.stringify(filter);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
