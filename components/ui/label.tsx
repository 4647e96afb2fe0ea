import type { ComponentProps } from 'react';
import { cn } from './cn';

/** A `<label>` that must name its control, so every input has an accessible name. */
export function Label({
  className,
  htmlFor,
  children,
  ...props
}: ComponentProps<'label'> & { htmlFor: string }) {
  return (
    <label htmlFor={htmlFor} className={cn('text-xs font-medium text-slate-700', className)} {...props}>
      {children}
    </label>
  );
}
