import { ALERT_KINDS } from '@/lib/alerts/kinds';

export function kindLabel(kind: string): string {
  return ALERT_KINDS.find((definition) => definition.kind === kind)?.label ?? kind;
}

/** The figure as the kind measures it: a percentage, minutes, or a count. */
export function formatValue(kind: string, value: number | null): string {
  if (value === null) return '—';
  const rounded = Math.round(value * 100) / 100;
  if (kind === 'channel_error_rate') return `${rounded} %`;
  if (kind === 'consumer_disconnected' || kind === 'no_live_worker') return `${rounded} min`;
  return String(rounded);
}
