'use client';

import { useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { errorMessage } from '@/lib/client/api';
import { useUploadFile } from './queries';

export interface AttachmentDraft {
  file_id: string;
  filename: string;
}

interface AttachmentsFieldProps {
  id: string;
  attachments: AttachmentDraft[];
  /** Messages keyed by the path below the step (`attachments.0.file_id`). */
  errors: Record<string, string>;
  onChange: (attachments: AttachmentDraft[]) => void;
}

/**
 * A send step's attachments: the attached files by name, each removable, and a file input that uploads the
 * chosen file (POST /api/v1/files) and attaches it. E-mail channels deliver attachments; others ignore them.
 */
export function AttachmentsField({ id, attachments, errors, onChange }: AttachmentsFieldProps) {
  const upload = useUploadFile();
  const input = useRef<HTMLInputElement>(null);
  const problems = Object.entries(errors)
    .filter(([path]) => path.startsWith('attachments'))
    .map(([, message]) => message);

  async function attach(file: File | undefined) {
    if (!file) return;
    try {
      const stored = await upload.mutateAsync(file);
      if (!attachments.some((a) => a.file_id === stored.id))
        onChange([...attachments, { file_id: stored.id, filename: stored.filename }]);
    } catch {
      // Shown below from the mutation's error.
    } finally {
      if (input.current) input.current.value = '';
    }
  }

  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>Attachments</Label>
      {attachments.length ? (
        <ul aria-label="Attached files" className="flex flex-col gap-1">
          {attachments.map((attachment) => (
            <li key={attachment.file_id} className="flex items-center gap-2 text-sm">
              <span className="truncate">{attachment.filename}</span>
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove attachment ${attachment.filename}`}
                onClick={() => onChange(attachments.filter((a) => a.file_id !== attachment.file_id))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-slate-500">No files attached.</p>
      )}
      <input
        ref={input}
        id={id}
        type="file"
        disabled={upload.isPending}
        aria-describedby={`${id}-hint`}
        className="text-sm"
        onChange={(e) => attach(e.target.files?.[0])}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-500" aria-live="polite">
        {upload.isPending
          ? 'Uploading…'
          : 'Upload a file to attach it. E-mail channels send attachments; other channels ignore them.'}
      </p>
      {upload.isError ? <Alert tone="error">{errorMessage(upload.error)}</Alert> : null}
      {problems.map((message) => (
        <p key={message} className="text-xs text-red-600">
          {message}
        </p>
      ))}
    </div>
  );
}
