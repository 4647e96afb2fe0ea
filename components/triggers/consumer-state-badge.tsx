import { Badge, type BadgeProps } from '@/components/ui/badge';
import type { TriggerStatusView } from './queries';

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

export function ConsumerStateBadge({ state }: { state: string }) {
  return (
    <Badge tone={TONES[state as ConsumerState] ?? 'neutral'} dot>
      {state}
    </Badge>
  );
}
