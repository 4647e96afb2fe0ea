'use client';

import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { errorMessage } from '@/lib/client/api';
import { AttemptsTimeline } from './attempts-timeline';
import { MessageContent } from './message-content';
import { MessageFacts } from './message-facts';
import { MessageStatusBadge } from './message-status-badge';
import { isRetryable } from './message-statuses';
import { useMessage } from './queries';
import { RetryMessageButton } from './retry-message-button';

/** One message: its fields, rendered content and delivery attempts; polled until it is final. */
export function MessageDetailView({ id }: { id: string }) {
  const isAdmin = useIsAdmin();
  const message = useMessage(id);

  if (message.isPending) return <p className="text-sm text-slate-500">Loading message…</p>;
  if (message.isError) return <Alert tone="error">{errorMessage(message.error)}</Alert>;
  const m = message.data;

  return (
    <>
      <PageHeader
        title="Message"
        description={<span className="font-mono">{m.id}</span>}
        actions={
          <>
            <MessageStatusBadge status={m.status} />
            {isAdmin && isRetryable(m.status) ? <RetryMessageButton messageId={m.id} size="md" /> : null}
          </>
        }
      />
      {m.last_error ? (
        <Alert tone="warning" title="Last error">
          {m.last_error}
        </Alert>
      ) : null}
      <MessageFacts message={m} />
      <MessageContent message={m} />
      <AttemptsTimeline attempts={m.attempts} />
    </>
  );
}
