'use client';

import { Button } from '@/components/ui/button';
import { useSetChannelEnabled } from './channel-activity-queries';
import type { ChannelView } from './queries';

/** Enable or disable a channel; the change shows at once, and a refusal rolls it back with a toast. */
export function ToggleChannelButton({
  channel,
  size = 'md',
}: {
  channel: Pick<ChannelView, 'id' | 'name' | 'enabled'>;
  size?: 'sm' | 'md';
}) {
  const change = useSetChannelEnabled();
  const verb = channel.enabled ? 'Disable' : 'Enable';
  return (
    <Button
      variant="secondary"
      size={size}
      aria-label={`${verb} ${channel.name}`}
      disabled={change.isPending}
      onClick={() => change.mutate({ id: channel.id, name: channel.name, enabled: !channel.enabled })}
    >
      {verb}
    </Button>
  );
}
