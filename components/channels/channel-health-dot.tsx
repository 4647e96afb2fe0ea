import { cn } from '@/components/ui/cn';
import type { ChannelActivity } from './channel-activity-queries';

type Health = ChannelActivity['health'];

const LOOK: Record<Health, { label: string; dot: string; text: string }> = {
  healthy: { label: 'Healthy', dot: 'bg-emerald-500', text: 'text-emerald-700' },
  degraded: { label: 'Degraded', dot: 'bg-amber-500', text: 'text-amber-800' },
  held: { label: 'Held', dot: 'bg-amber-500', text: 'text-amber-800' },
  failing: { label: 'Failing', dot: 'bg-red-500', text: 'text-red-700' },
  idle: { label: 'Idle', dot: 'bg-slate-300', text: 'text-slate-500' },
  disabled: { label: 'Disabled', dot: 'bg-slate-300', text: 'text-slate-500' },
};

const WHY: Record<Health, string> = {
  healthy: 'Recent messages went through.',
  degraded: 'More than 10% of recent messages failed, or messages are being retried.',
  held: 'The provider asked to wait (429): nothing is sent until the hold ends.',
  failing: 'The newest finished message failed.',
  idle: 'No message finished through this channel lately.',
  disabled: 'Switched off: nothing is sent through it.',
};

/**
 * The channel's live health: a coloured dot with its word (colour is never the only cue) and why, on hover.
 * `enabled` is the channel row's switch, which changes at once when toggled, before the activity is read again.
 */
export function ChannelHealthDot({
  activity,
  enabled,
}: {
  activity: ChannelActivity | undefined;
  enabled?: boolean;
}) {
  const health: Health | undefined =
    enabled === false
      ? 'disabled'
      : enabled && activity?.health === 'disabled'
        ? undefined
        : activity?.health;
  if (!health) return <span className="text-xs text-slate-400">…</span>;
  const look = LOOK[health];
  const until = activity?.held_until ? ` Until ${new Date(activity.held_until).toLocaleString()}.` : '';
  return (
    <span
      className={cn('inline-flex items-center gap-1.5 text-xs font-medium', look.text)}
      title={`${WHY[health]}${until}`}
    >
      <span
        aria-hidden
        className={cn('size-2 rounded-full', look.dot, health === 'failing' && 'motion-safe:animate-pulse')}
      />
      {look.label}
    </span>
  );
}

/** The 24 h success rate, with the counts behind it on hover. */
export function SuccessRate({ activity }: { activity: ChannelActivity | undefined }) {
  const day = activity?.last_24h;
  if (!day || day.success_rate === null) return <span className="text-slate-400">—</span>;
  return (
    <span title={`${day.succeeded} sent of ${day.succeeded + day.failed} finished in the last 24 hours`}>
      {(day.success_rate * 100).toFixed(1)}%
    </span>
  );
}
