'use client';

import { useRedriveMessages } from '@/components/messages/queries';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/client/api';

interface RedriveButtonProps {
  statuses: ('dead' | 'failed')[];
  channelId?: string;
  workflowId?: string;
}

/** Queues every matching dead (and failed, if shown) message for delivery again, after a confirmation. */
export function RedriveButton({ statuses, channelId, workflowId }: RedriveButtonProps) {
  const redrive = useRedriveMessages();

  function onClick() {
    const scope = channelId || workflowId ? ' matching the channel and workflow filter' : '';
    const question = `Re-drive all ${statuses.join(' and ')} messages${scope}? They will be delivered again.`;
    if (!window.confirm(question)) return;
    redrive.mutate({ status: statuses, channel_id: channelId, workflow_id: workflowId });
  }

  return (
    <div className="flex flex-col items-end gap-2">
      <Button onClick={onClick} disabled={redrive.isPending}>
        {redrive.isPending ? 'Re-driving…' : 'Re-drive all'}
      </Button>
      {redrive.isError ? <Alert tone="error">{errorMessage(redrive.error)}</Alert> : null}
      {redrive.data ? (
        <p role="status" className="text-sm text-emerald-700">
          Re-drove {redrive.data.redriven} {redrive.data.redriven === 1 ? 'message' : 'messages'}
        </p>
      ) : null}
    </div>
  );
}
