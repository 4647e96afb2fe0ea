'use client';

import { useSearchParams } from 'next/navigation';
import { useMemo, useSyncExternalStore } from 'react';

const CHANGED = 'switchboard:search-changed';

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/**
 * The page's query string, read from the browser's location itself once hydrated (Next.js's `useSearchParams`
 * for the server render and hydration). Next.js follows `history.pushState` into `useSearchParams`, but not
 * always: after Back went through entries pushed before a reload, pushed URLs no longer reached it, so a page
 * that kept its state only there stopped following its own URL.
 */
export function useLocationSearch(): URLSearchParams {
  const rendered = useSearchParams();
  const live = useSyncExternalStore(
    subscribe,
    () => window.location.search,
    () => null,
  );
  const text = live ?? rendered.toString();
  return useMemo(() => new URLSearchParams(text), [text]);
}

/**
 * Shows `search` (without `?`) in the URL of the current path: a new history entry (`push`, Back undoes it) or
 * in place of the current one (`replace`). Read back through `useLocationSearch`.
 */
export function writeLocationSearch(search: string, mode: 'push' | 'replace' = 'push'): void {
  const url = `${window.location.pathname}${search ? `?${search}` : ''}`;
  if (mode === 'replace') window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(CHANGED));
}
