import { Badge, type BadgeProps } from '@/components/ui/badge';
import type { TriggerStatusView, TriggerView } from './queries';

type ConsumerState = TriggerStatusView['state'];

const TONES: Record<ConsumerState, BadgeProps['tone']> = {
  running: 'success',
  connecting: 'info',
  paused: 'warning',
  stopped: 'neutral',
  error: 'danger',
};

// Worst first: one failing worker makes the trigger's state "error" whatever the others say.
const SEVERITY: ConsumerState[] = ['error', 'stopped', 'paused', 'connecting', 'running'];

/** The worst state among the workers that still report; undefined when none runs the trigger. */
export function worstState(status: TriggerStatusView[]): ConsumerState | undefined {
  const states = new Set(status.filter((s) => s.current).map((s) => s.state));
  return SEVERITY.find((state) => states.has(state));
}

/** What the lists show: `paused` for a trigger switched off, else its consumers' worst state. */
export function triggerState(trigger: Pick<TriggerView, 'enabled' | 'status'>): ConsumerState | undefined {
  return trigger.enabled ? worstState(trigger.status) : 'paused';
}

/** Messages not yet consumed, summed over the workers that still report; null when none reports a lag. */
export function totalLag(status: TriggerStatusView[]): number | null {
  const lags = status.filter((s) => s.current && s.lag !== null).map((s) => s.lag as number);
  return lags.length ? lags.reduce((a, b) => a + b, 0) : null;
}

export function ConsumerStateBadge({ state }: { state: string }) {
  return (
    <Badge tone={TONES[state as ConsumerState] ?? 'neutral'} dot>
      {state}
    </Badge>
  );
}
