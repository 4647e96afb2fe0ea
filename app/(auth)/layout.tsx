import type { ReactNode } from 'react';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-6 px-4 py-12">
      <p className="flex items-center gap-2 text-sm font-semibold tracking-tight text-slate-900">
        <span aria-hidden className="grid size-6 place-items-center rounded bg-slate-900 text-xs text-white">
          S
        </span>
        Switchboard
      </p>
      {children}
    </main>
  );
}
