import type { ComponentProps } from 'react';
import { cn } from './cn';

export const controlClasses =
  'h-8 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-900 shadow-xs transition-colors placeholder:text-slate-400 focus-visible:border-slate-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-200 disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-red-500 aria-invalid:focus-visible:ring-red-100';

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(controlClasses, className)} {...props} />;
}
