import type { z } from 'zod';
import { useApiMutation } from '@/components/data/api-mutation';
import { apiFetch } from '@/lib/client/api';
import type { setupSchema, UserView } from '@/lib/users/schemas';

export type SetupInput = z.input<typeof setupSchema>;

/** POST /api/setup: creates the first administrator while no user exists. */
export function useCreateFirstAdmin() {
  return useApiMutation({
    mutationFn: (input: SetupInput) => apiFetch<UserView>('/api/setup', { method: 'POST', body: input }),
    toast: {
      success: 'Administrator created',
      error: 'The administrator was not created',
    },
  });
}
