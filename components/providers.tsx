'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { SessionProvider } from 'next-auth/react';
import { ThemeProvider } from 'next-themes';
import { type ReactNode, useState } from 'react';
import { makeQueryClient } from './query-client';
import { Toasts } from './ui/toasts';

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab, created on first render and kept across navigations.
  const [queryClient] = useState(makeQueryClient);
  return (
    // The class on <html> (`dark`) is what the Tailwind `dark` variant and the palette in globals.css follow; the
    // choice (system, light, dark) is kept in localStorage and applied by an inline script before the first paint.
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      <SessionProvider>
        <QueryClientProvider client={queryClient}>
          {children}
          <Toasts />
        </QueryClientProvider>
      </SessionProvider>
    </ThemeProvider>
  );
}
