import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { listQueryOptions } from '@/components/data/list-query';
import { apiFetch } from '@/lib/client/api';
import type {
  createTriggerSchema,
  TriggerView,
  testFilterResultSchema,
  testFilterSchema,
  updateTriggerSchema,
} from '@/lib/triggers/schemas';

export type { TriggerView };
export type CreateTriggerInput = z.input<typeof createTriggerSchema>;
export type UpdateTriggerInput = z.input<typeof updateTriggerSchema>;
export type TestFilterInput = z.input<typeof testFilterSchema>;
export type TestFilterResult = z.output<typeof testFilterResultSchema>;

export const triggerKeys = {
  all: ['triggers'] as const,
  list: () => [...triggerKeys.all, 'list'] as const,
  detail: (id: string) => [...triggerKeys.all, 'detail', id] as const,
};

export function useTriggers() {
  return useInfiniteQuery(listQueryOptions<TriggerView>(triggerKeys.list(), '/api/v1/triggers'));
}

export function useTrigger(id: string) {
  return useQuery({
    queryKey: triggerKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<TriggerView>(`/api/v1/triggers/${id}`, { signal }),
  });
}

export function useCreateTrigger() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTriggerInput) =>
      apiFetch<TriggerView>('/api/v1/triggers', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: triggerKeys.all }),
  });
}

export function useUpdateTrigger(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateTriggerInput) =>
      apiFetch<TriggerView>(`/api/v1/triggers/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: triggerKeys.all }),
  });
}

export function useDeleteTrigger() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/v1/triggers/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: triggerKeys.all }),
  });
}

/** Runs a filter against a sample event on the server (the same matcher the pipeline uses). */
export function useTestFilter() {
  return useMutation({
    mutationFn: (input: TestFilterInput) =>
      apiFetch<TestFilterResult>('/api/v1/triggers/test-filter', { method: 'POST', body: input }),
  });
}
