'use client';

import { Button } from '@/components/ui/button';
import { useReplayEvent } from './queries';

/** Replays an accepted event through its triggers, after a confirmation (admins only; the caller decides). */
export function ReplayEventButton({ eventId, eventType }: { eventId: string; eventType: string | null }) {
  const replay = useReplayEvent();
  function onClick() {
    const question = `Replay ${eventType ?? 'this event'}? Triggers that match it now start new runs, and their messages are sent again.`;
    if (!window.confirm(question)) return;
    replay.mutate({ id: eventId, key: crypto.randomUUID() });
  }
  return (
    <Button variant="secondary" size="sm" onClick={onClick} disabled={replay.isPending}>
      {replay.isPending ? 'Replaying…' : 'Replay'}
    </Button>
  );
}
