'use client';

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describedBy, Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import { ProblemError } from '@/lib/client/api';

export type BulkAction = 'redrive' | 'discard';

interface BulkActionDialogProps {
  /** The action asked for, or null while closed. */
  action: BulkAction | null;
  /** What it applies to, in words: "3 messages", "all 240 dead messages matching this filter". */
  target: string;
  pending: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

const TEXT: Record<BulkAction, { title: string; verb: string; note: string }> = {
  redrive: {
    title: 'Re-drive messages',
    verb: 'Re-drive',
    note: 'They go back to the queue with a fresh attempt budget and are delivered again.',
  },
  discard: {
    title: 'Discard messages',
    verb: 'Discard',
    note: 'Discarded messages are kept for the record but never sent, and cannot be re-driven.',
  },
};

/**
 * The confirmation before a bulk action, asking why (kept in the audit log). A native modal `<dialog>`: focus
 * moves into it and stays there, Escape closes it.
 */
export function BulkActionDialog({
  action,
  target,
  pending,
  error,
  onConfirm,
  onClose,
}: BulkActionDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<BulkAction>('redrive');

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (action && !dialog.open) {
      setShown(action);
      setReason('');
      dialog.showModal();
    } else if (!action && dialog.open) dialog.close();
  }, [action]);

  const text = TEXT[action ?? shown];
  const fieldError = error instanceof ProblemError ? error.fieldErrors().reason : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim()) onConfirm(reason.trim());
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby="bulk-action-title"
      onClose={onClose}
      className="m-auto w-full max-w-lg rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <form onSubmit={submit} className="flex flex-col gap-4 p-5">
        <h2 id="bulk-action-title" className="text-base font-semibold text-slate-900">
          {text.title}
        </h2>
        <p className="text-sm text-slate-700">
          {text.verb} {target}? {text.note}
        </p>
        <Field
          id="bulk-reason"
          label="Reason"
          hint="Kept in the audit log with the messages it applies to."
          error={fieldError}
        >
          <Textarea
            id="bulk-reason"
            required
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            {...describedBy('bulk-reason', fieldError, true)}
          />
        </Field>
        {error && !fieldError ? <Alert tone="error">{(error as Error).message}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant={action === 'discard' ? 'destructive' : 'primary'}
            disabled={pending || !reason.trim()}
          >
            {pending ? `${text.verb === 'Discard' ? 'Discarding' : 'Re-driving'}…` : text.verb}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
