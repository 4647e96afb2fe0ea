import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApiMutation } from '@/components/data/api-mutation';
import { apiFetch, type ListPage } from '@/lib/client/api';
import type { createUserSchema, UserView, updateUserSchema } from '@/lib/users/schemas';

export type CreateUserInput = z.input<typeof createUserSchema>;
export type UpdateUserInput = { id: string; patch: z.input<typeof updateUserSchema> };

export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
};

export function useUsers() {
  return useQuery({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => apiFetch<ListPage<UserView>>('/api/v1/users', { signal }),
    select: (page) => page.data,
  });
}

export function useCreateUser() {
  return useApiMutation({
    mutationFn: (input: CreateUserInput) =>
      apiFetch<UserView>('/api/v1/users', { method: 'POST', body: input }),
    toast: { success: (user) => `User added as ${user.role}`, error: 'The user was not added' },
    invalidate: [userKeys.all],
  });
}

/**
 * What a PATCH changed, in words ("User is now an admin", "User disabled", "Password reset"). Toasts leave out
 * names and e-mails: the row beside them already shows who.
 */
function updated(user: UserView, patch: UpdateUserInput['patch']): string {
  if (patch.role) return `User is now ${user.role === 'admin' ? 'an admin' : 'a viewer'}`;
  if (patch.disabled !== undefined) return `User ${user.disabled ? 'disabled' : 'enabled'}`;
  if (patch.password) return 'Password reset';
  return 'User saved';
}

export function useUpdateUser() {
  return useApiMutation({
    mutationFn: ({ id, patch }: UpdateUserInput) =>
      apiFetch<UserView>(`/api/v1/users/${id}`, { method: 'PATCH', body: patch }),
    toast: { success: (user, { patch }) => updated(user, patch), error: 'The user was not changed' },
    invalidate: [userKeys.all],
  });
}

export function useDeleteUser() {
  return useApiMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/v1/users/${id}`, { method: 'DELETE' }),
    toast: { success: 'User deleted', error: 'The user was not deleted' },
    invalidate: [userKeys.all],
  });
}
