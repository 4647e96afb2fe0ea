import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '@/lib/client/api';
import type { setupSchema, UserView } from '@/lib/users/schemas';

export type SetupInput = z.input<typeof setupSchema>;

/** POST /api/setup: creates the first administrator while no user exists. */
export function useCreateFirstAdmin() {
  return useMutation({
    mutationFn: (input: SetupInput) => apiFetch<UserView>('/api/setup', { method: 'POST', body: input }),
  });
}
