import type { ComponentProps } from 'react';
import { cn } from './cn';

/** Preformatted text; React escapes it, so raw payloads and provider answers are shown, never interpreted. */
export function CodeBlock({ className, ...props }: ComponentProps<'pre'>) {
  return (
    <pre
      className={cn(
        'max-h-96 overflow-auto whitespace-pre-wrap break-all rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800',
        className,
      )}
      {...props}
    />
  );
}

/** A value as indented JSON. */
export function JsonBlock({ value, className }: { value: unknown; className?: string }) {
  return <CodeBlock className={className}>{JSON.stringify(value, null, 2) ?? 'undefined'}</CodeBlock>;
}
