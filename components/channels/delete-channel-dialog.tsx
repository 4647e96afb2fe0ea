'use client';

import Link from 'next/link';
import { useEffect, useId, useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/client/api';
import { type ChannelUsage, useChannelUsage } from './channel-activity-queries';
import type { ChannelView } from './queries';

interface DeleteChannelDialogProps {
  channel: Pick<ChannelView, 'id' | 'name' | 'enabled'>;
  open: boolean;
  onClose: () => void;
  onDelete: () => void;
  onDisable: () => void;
  deleting: boolean;
  error: unknown;
}

/** Who names the channel, as links; what to do about them. */
function InUse({ usage, name }: { usage: ChannelUsage; name: string }) {
  return (
    <div className="flex flex-col gap-2 text-sm text-slate-700" data-testid="channel-in-use">
      <p>“{name}” cannot be deleted while these use it:</p>
      <ul className="list-disc pl-5">
        {usage.workflows.map((workflow) => (
          <li key={workflow.id}>
            Workflow{' '}
            <Link href={`/workflows/${encodeURIComponent(workflow.key)}`} className="font-medium underline">
              {workflow.name}
            </Link>{' '}
            <span className="text-slate-500">
              (send step{workflow.steps.length > 1 ? 's' : ''}{' '}
              {workflow.steps.map((step) => step + 1).join(', ')})
            </span>
          </li>
        ))}
        {usage.alert_rules.map((rule) => (
          <li key={rule.id}>
            Alert rule{' '}
            <Link href={`/alerts/${rule.id}`} className="font-medium underline">
              {rule.name}
            </Link>
          </li>
        ))}
      </ul>
      <p>
        Choose another channel in each of them (or remove the step), then delete it. Or disable the channel
        now: nothing is sent through it (its messages fail, or go to its fallback) and everything else stays
        as it is.
      </p>
    </div>
  );
}

/** What deleting an unused channel still does. */
function Consequences({ usage }: { usage: ChannelUsage }) {
  return (
    <ul className="flex list-disc flex-col gap-1 pl-5 text-sm text-slate-700">
      <li>No workflow or alert rule uses it. This cannot be undone.</li>
      {usage.fallback_for.length ? (
        <li>
          {usage.fallback_for.map((c) => `“${c.name}”`).join(', ')} fall
          {usage.fallback_for.length > 1 ? '' : 's'} back to it; that fallback is cleared.
        </li>
      ) : null}
      {usage.in_flight ? (
        <li>
          {usage.in_flight.toLocaleString('en-US')} message{usage.in_flight > 1 ? 's' : ''} still waiting to
          be sent through it will fail.
        </li>
      ) : null}
    </ul>
  );
}

/**
 * The confirmation before deleting a channel, reading what uses it when it opens: a channel that workflows or alert
 * rules name is listed with them and cannot be deleted (the API answers 409); disabling it is offered instead.
 */
export function DeleteChannelDialog(props: DeleteChannelDialogProps) {
  const { channel, open, onClose, onDelete, onDisable, deleting, error } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const usage = useChannelUsage(channel.id, open);

  useEffect(() => {
    const dialog = ref.current;
    if (open && !dialog?.open) dialog?.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);

  const data = usage.data;
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-full max-w-lg rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex flex-col gap-4 p-5">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          Delete the channel “{channel.name}”?
        </h2>
        {usage.isPending ? <p className="text-sm text-slate-500">Checking what uses this channel…</p> : null}
        {usage.isError ? <Alert tone="error">{errorMessage(usage.error)}</Alert> : null}
        {data ? (
          data.deletable ? (
            <Consequences usage={data} />
          ) : (
            <InUse usage={data} name={channel.name} />
          )
        ) : null}
        {error ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} autoFocus>
            Cancel
          </Button>
          {data && !data.deletable && channel.enabled ? (
            <Button variant="secondary" onClick={onDisable}>
              Disable instead
            </Button>
          ) : null}
          {data?.deletable ? (
            <Button variant="destructive" onClick={onDelete} disabled={deleting}>
              {deleting ? 'Deleting…' : 'Delete channel'}
            </Button>
          ) : null}
        </div>
      </div>
    </dialog>
  );
}
