'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/client/api';
import type { WorkflowView } from './queries';
import { useRestoreWorkflowVersion } from './versions-queries';

/**
 * "Restore this version" and its confirmation (admins only; the API refuses anyone else). Restoring saves the
 * old name, description and steps as a new version; the API refuses (409) when a channel they use is gone.
 */
export function RestoreVersionButton({
  workflow,
  version,
  onRestored,
}: {
  workflow: WorkflowView;
  version: number;
  onRestored: () => void;
}) {
  const [open, setOpen] = useState(false);
  const restore = useRestoreWorkflowVersion(workflow.key);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (open && !dialog?.open) dialog?.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);

  function onConfirm() {
    restore.mutate(version, {
      onSuccess: () => {
        setOpen(false);
        onRestored();
      },
    });
  }

  return (
    <>
      <Button
        variant="secondary"
        onClick={() => {
          restore.reset();
          setOpen(true);
        }}
      >
        Restore this version
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        className="m-auto w-full max-w-lg rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="flex flex-col gap-4 p-5">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            Restore version {version} of “{workflow.name}”?
          </h2>
          <ul className="flex list-disc flex-col gap-1 pl-5 text-sm text-slate-700">
            <li>
              Its name, description and steps are saved as version {workflow.version + 1}; new runs use them
              at once.
            </li>
            <li>The current definition stays in the history as version {workflow.version}.</li>
            <li>The workflow stays {workflow.enabled ? 'enabled' : 'disabled'}.</li>
          </ul>
          {restore.error ? <Alert tone="error">{errorMessage(restore.error)}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)} autoFocus>
              Cancel
            </Button>
            <Button onClick={onConfirm} disabled={restore.isPending}>
              {restore.isPending ? 'Restoring…' : `Restore version ${version}`}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
