import type { TriggerType } from '@/lib/triggers/schemas';

// Which types can be created today; the API answers 422 for the rest. Kept here because the console may not
// import lib/ at runtime; the Record type fails compilation when lib/triggers/schemas.ts adds a type.
const AVAILABLE: Record<TriggerType, boolean> = {
  api: true,
  event: false,
  webhook: false,
  schedule: false,
  poll: false,
};

export const TRIGGER_TYPES = (Object.keys(AVAILABLE) as TriggerType[]).map((type) => ({
  type,
  available: AVAILABLE[type],
}));

/** A filter in one line for the table: `{}` reads as "every event". */
export function filterSummary(filter: Record<string, unknown> | undefined): string {
  if (!filter || Object.keys(filter).length === 0) return 'every event';
  const text = JSON.stringify(filter);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
