'use client';

import { useTheme } from 'next-themes';
import { Toaster } from 'sonner';

/** Where mutation toasts appear (components/data/api-mutation.ts raises them); mounted once, in Providers. */
export function Toasts() {
  const { resolvedTheme } = useTheme();
  return (
    <Toaster
      theme={resolvedTheme === 'dark' ? 'dark' : 'light'}
      position="bottom-right"
      richColors
      closeButton
    />
  );
}
