import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn';

const alertVariants = cva('rounded-md border px-3 py-2.5 text-sm', {
  variants: {
    tone: {
      error: 'border-red-200 bg-red-50 text-red-800',
      warning: 'border-amber-200 bg-amber-50 text-amber-900',
      info: 'border-slate-200 bg-slate-50 text-slate-700',
      success: 'border-emerald-200 bg-emerald-50 text-emerald-800',
    },
  },
  defaultVariants: { tone: 'info' },
});

export type AlertProps = Omit<ComponentProps<'div'>, 'title'> &
  VariantProps<typeof alertVariants> & { title?: ReactNode };

/** A notice; errors get role="alert" so screen readers announce them. */
export function Alert({ className, tone, title, children, role, ...props }: AlertProps) {
  return (
    <div
      role={role ?? (tone === 'error' ? 'alert' : undefined)}
      className={cn(alertVariants({ tone }), className)}
      {...props}
    >
      {title ? <p className="font-medium">{title}</p> : null}
      {children ? <div className={cn(title && 'mt-0.5')}>{children}</div> : null}
    </div>
  );
}
