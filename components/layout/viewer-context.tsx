'use client';

import { createContext, type ReactNode, use } from 'react';
import type { Role } from '@/lib/users/schemas';

/** The signed-in user as the console sees them; the role decides which write actions are shown. */
export interface Viewer {
  email: string;
  role: Role;
}

const ViewerContext = createContext<Viewer | null>(null);

export function ViewerProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return <ViewerContext value={viewer}>{children}</ViewerContext>;
}

export function useViewer(): Viewer {
  const viewer = use(ViewerContext);
  if (!viewer) throw new Error('useViewer() must be used inside <ViewerProvider>');
  return viewer;
}

/** Admins change configuration; viewers read everything and change nothing (the API enforces this too). */
export function useIsAdmin(): boolean {
  return useViewer().role === 'admin';
}
