import type { ReactNode } from 'react';
import { cn } from './cn';
import { Label } from './label';

interface FieldProps {
  /** The control's id; the error and hint get `${id}-error` and `${id}-hint` (see `describedBy`). */
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: ReactNode;
}

/** A label, its control, an optional hint and a field error. */
export function Field({ id, label, hint, error, className, children }: FieldProps) {
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/**
 * The hint under a control, or its error instead, under the ids `describedBy` points the control at. Field shows
 * them; a control that carries its own label (a checkbox, a group of them) shows them itself.
 */
export function FieldNotes({
  id,
  hint,
  error,
  className,
}: {
  id: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
}) {
  if (error) {
    return (
      <p id={`${id}-error`} className={cn('text-xs text-red-600', className)}>
        {error}
      </p>
    );
  }
  return hint ? (
    <p id={`${id}-hint`} className={cn('text-xs text-slate-500', className)}>
      {hint}
    </p>
  ) : null;
}

/** Props that tie a control to its Field's hint or error. */
export function describedBy(id: string, error?: string, hint?: boolean) {
  if (error) return { 'aria-invalid': true, 'aria-describedby': `${id}-error` } as const;
  return hint ? ({ 'aria-describedby': `${id}-hint` } as const) : {};
}
