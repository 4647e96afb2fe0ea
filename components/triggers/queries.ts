import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApiMutation } from '@/components/data/api-mutation';
import { usePagedList } from '@/components/data/use-paged-list';
import { apiFetch } from '@/lib/client/api';
import type { TriggerForm as TriggerTypeForm } from '@/lib/triggers/describe';
import type {
  createTriggerSchema,
  TriggerStatusView,
  TriggerView,
  testFilterResultSchema,
  testFilterSchema,
  updateTriggerSchema,
} from '@/lib/triggers/schemas';

export type { TriggerStatusView, TriggerTypeForm, TriggerView };
export type CreateTriggerInput = z.input<typeof createTriggerSchema>;
export type UpdateTriggerInput = z.input<typeof updateTriggerSchema>;
export type TestFilterInput = z.input<typeof testFilterSchema>;
export type TestFilterResult = z.output<typeof testFilterResultSchema>;

export const triggerKeys = {
  all: ['triggers'] as const,
  list: () => [...triggerKeys.all, 'list'] as const,
  detail: (id: string) => [...triggerKeys.all, 'detail', id] as const,
  types: () => ['trigger-types'] as const,
};

/** Triggers with their consumer status, polled every 5 s. */
export function useTriggers() {
  return usePagedList<TriggerView>({
    queryKey: triggerKeys.list(),
    path: '/api/v1/triggers',
    refetchInterval: 5_000,
  });
}

/** One trigger; its consumer status is polled every 3 s (the form keeps its own edits meanwhile). */
export function useTrigger(id: string) {
  return useQuery({
    queryKey: triggerKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<TriggerView>(`/api/v1/triggers/${id}`, { signal }),
    refetchInterval: 3_000,
  });
}

/** One config form per trigger type (and per broker for event triggers), described by the server. */
export function useTriggerTypes() {
  return useQuery({
    queryKey: triggerKeys.types(),
    queryFn: ({ signal }) => apiFetch<TriggerTypeForm[]>('/api/v1/triggers/types', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCreateTrigger() {
  return useApiMutation({
    mutationFn: (input: CreateTriggerInput) =>
      apiFetch<TriggerView>('/api/v1/triggers', { method: 'POST', body: input }),
    toast: {
      success: 'Trigger created',
      error: 'The trigger was not created',
    },
    invalidate: [triggerKeys.all],
  });
}

export function useUpdateTrigger(id: string) {
  return useApiMutation({
    mutationFn: (patch: UpdateTriggerInput) =>
      apiFetch<TriggerView>(`/api/v1/triggers/${id}`, { method: 'PATCH', body: patch }),
    toast: { success: 'Trigger saved', error: 'The trigger was not saved' },
    invalidate: [triggerKeys.all],
  });
}

/**
 * `onDeleted` (leave the deleted thing's page) runs here, before the refetch: the refetched page of what is gone
 * answers 404 and unmounts the button, and react-query drops a `mutate(v, {onSuccess})` of an unmounted caller.
 */
export function useDeleteTrigger(onDeleted?: () => void) {
  return useApiMutation({
    onSuccess: () => onDeleted?.(),
    mutationFn: (id: string) => apiFetch<void>(`/api/v1/triggers/${id}`, { method: 'DELETE' }),
    toast: { success: 'Trigger deleted', error: 'The trigger was not deleted' },
    invalidate: [triggerKeys.all],
  });
}

/** Runs a filter against a sample event on the server (the same matcher the pipeline uses). */
export function useTestFilter() {
  return useApiMutation({
    mutationFn: (input: TestFilterInput) =>
      apiFetch<TestFilterResult>('/api/v1/triggers/test-filter', { method: 'POST', body: input }),
    // Match or no match shows beside the filter; only a failed request is news.
    toast: { success: false, error: 'The filter was not tested' },
  });
}
