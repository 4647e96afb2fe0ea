'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { SidebarNav } from './sidebar-nav';
import { ThemeToggle } from './theme-toggle';
import { UserMenu } from './user-menu';
import { type Viewer, ViewerProvider } from './viewer-context';

export function ConsoleShell({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return (
    <ViewerProvider viewer={viewer}>
      <div className="flex min-h-screen flex-col md:flex-row">
        <aside className="shrink-0 border-b border-slate-200 bg-slate-100/70 md:sticky md:top-0 md:h-screen md:w-56 md:overflow-y-auto md:border-r md:border-b-0">
          <div className="flex h-12 items-center px-4">
            <Link
              href="/"
              className="flex items-center gap-2 text-sm font-semibold tracking-tight text-slate-900"
            >
              <span
                aria-hidden
                className="grid size-5 place-items-center rounded bg-slate-900 text-[10px] text-white"
              >
                S
              </span>
              Switchboard
            </Link>
          </div>
          <div className="px-2 pb-4">
            <SidebarNav />
          </div>
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex h-12 items-center justify-end gap-4 border-b border-slate-200 bg-white px-6">
            <ThemeToggle />
            <UserMenu />
          </header>
          <main className="flex-1 px-6 py-6">
            <div className="mx-auto flex max-w-6xl flex-col gap-6">{children}</div>
          </main>
        </div>
      </div>
    </ViewerProvider>
  );
}
