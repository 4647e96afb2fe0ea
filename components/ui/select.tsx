import type { ComponentProps } from 'react';
import { cn } from './cn';
import { controlClasses } from './input';

/** A styled native `<select>`: keyboard, screen-reader and mobile behaviour come from the browser. */
export function Select({ className, ...props }: ComponentProps<'select'>) {
  return <select className={cn(controlClasses, 'pr-7', className)} {...props} />;
}
