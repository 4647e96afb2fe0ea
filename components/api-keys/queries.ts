import type { z } from 'zod';
import { useApiMutation } from '@/components/data/api-mutation';
import { patchRow } from '@/components/data/optimistic';
import { usePagedList } from '@/components/data/use-paged-list';
import type { ApiKeyView, createApiKeySchema, createdApiKeySchema } from '@/lib/api-keys/schemas';
import { apiFetch } from '@/lib/client/api';

export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;
export type CreatedApiKey = z.output<typeof createdApiKeySchema>;

const PAGE_SIZE = 100;

export const apiKeyKeys = {
  all: ['api-keys'] as const,
  list: () => [...apiKeyKeys.all, 'list'] as const,
};

export function useApiKeys() {
  return usePagedList<ApiKeyView>({
    queryKey: apiKeyKeys.list(),
    path: '/api/v1/api-keys',
    pageSize: PAGE_SIZE,
  });
}

export function useCreateApiKey() {
  return useApiMutation({
    mutationFn: (input: CreateApiKeyInput) =>
      apiFetch<CreatedApiKey>('/api/v1/api-keys', { method: 'POST', body: input }),
    toast: { success: 'API key created', error: 'The API key was not created' },
    invalidate: [apiKeyKeys.all],
  });
}

/** Revoked at once in the list, rolled back if the server refuses. */
export function useRevokeApiKey() {
  return useApiMutation({
    mutationFn: (id: string) => apiFetch<ApiKeyView>(`/api/v1/api-keys/${id}`, { method: 'DELETE' }),
    optimistic: (id) => [
      patchRow<ApiKeyView>(apiKeyKeys.all, id, (key) => ({ ...key, revoked_at: new Date().toISOString() })),
    ],
    toast: { success: 'API key revoked', error: 'The API key was not revoked' },
    invalidate: [apiKeyKeys.all],
  });
}
