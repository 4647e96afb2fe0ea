'use client';

import { useTheme } from 'next-themes';
import { useSyncExternalStore } from 'react';
import { cn } from '@/components/ui/cn';

export const THEME_CHOICES = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;

const noSubscription = () => () => {};

/** False while server-rendering and hydrating: the stored choice is only known in the browser. */
function useMounted(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * System / Light / Dark as native radio buttons (arrow keys move between them). next-themes keeps the choice in
 * localStorage and sets the class on <html> before the first paint; until hydration no option shows as chosen,
 * at the same size, so nothing shifts.
 */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  const mounted = useMounted();
  const current = mounted ? (theme ?? 'system') : null;
  return (
    <fieldset className="flex items-center rounded-md border border-slate-300 bg-white p-0.5 shadow-xs">
      <legend className="sr-only">Theme</legend>
      {THEME_CHOICES.map((choice) => (
        <label key={choice.value} className="relative">
          <input
            type="radio"
            name="theme"
            value={choice.value}
            checked={current === choice.value}
            onChange={() => setTheme(choice.value)}
            className="peer sr-only"
          />
          <span
            className={cn(
              'block cursor-pointer rounded px-2 py-0.5 text-xs text-slate-600 transition-colors hover:text-slate-900',
              'peer-checked:bg-slate-900 peer-checked:text-white peer-focus-visible:ring-2 peer-focus-visible:ring-sky-500',
            )}
          >
            {choice.label}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
