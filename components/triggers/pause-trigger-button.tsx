'use client';

import { Button } from '@/components/ui/button';
import type { TriggerView } from './queries';
import { useSetTriggerEnabled } from './trigger-pause-queries';

/**
 * Pause (stop consuming: broker messages wait in their topic or queue, schedules and polls skip, API and webhook
 * events no longer start runs) or resume. The change shows at once; a refusal rolls it back with a toast.
 */
export function PauseTriggerButton({
  trigger,
  size = 'md',
}: {
  trigger: Pick<TriggerView, 'id' | 'name' | 'enabled'>;
  size?: 'sm' | 'md';
}) {
  const change = useSetTriggerEnabled();
  const pausing = trigger.enabled;
  return (
    <Button
      variant="secondary"
      size={size}
      aria-label={`${pausing ? 'Pause' : 'Resume'} ${trigger.name}`}
      disabled={change.isPending}
      onClick={() => change.mutate({ id: trigger.id, name: trigger.name, enabled: !pausing })}
    >
      {pausing ? 'Pause' : 'Resume'}
    </Button>
  );
}
