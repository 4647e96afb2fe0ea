import type { ComponentProps } from 'react';
import { cn } from './cn';

type CheckboxProps = Omit<ComponentProps<'input'>, 'type' | 'id'> & { id: string; label: string };

/** A native checkbox with its label beside it (the label names it for screen readers and tests). */
export function Checkbox({ id, label, className, ...props }: CheckboxProps) {
  return (
    <div className={cn('flex items-center gap-2', className)}>
      <input
        id={id}
        type="checkbox"
        className="size-4 rounded border-slate-300 accent-slate-900 disabled:cursor-not-allowed disabled:opacity-50"
        {...props}
      />
      <label htmlFor={id} className="text-sm text-slate-700">
        {label}
      </label>
    </div>
  );
}
