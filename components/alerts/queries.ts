import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { listQueryOptions } from '@/components/data/list-query';
import type {
  AlertEventView,
  AlertRuleView,
  createAlertRuleSchema,
  updateAlertRuleSchema,
} from '@/lib/alerts/schemas';
import { apiFetch } from '@/lib/client/api';

export type { AlertEventView, AlertRuleView };
export type CreateAlertRuleInput = z.input<typeof createAlertRuleSchema>;
export type UpdateAlertRuleInput = z.input<typeof updateAlertRuleSchema>;

export const alertKeys = {
  all: ['alert-rules'] as const,
  list: () => [...alertKeys.all, 'list'] as const,
  detail: (id: string) => [...alertKeys.all, 'detail', id] as const,
  events: (id: string) => [...alertKeys.all, 'events', id] as const,
};

/** Rules with their state, refreshed as the evaluator moves them on. */
export function useAlertRules() {
  return useInfiniteQuery({
    ...listQueryOptions<AlertRuleView>(alertKeys.list(), '/api/v1/alert-rules'),
    refetchInterval: 10_000,
  });
}

export function useAlertRule(id: string) {
  return useQuery({
    queryKey: alertKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<AlertRuleView>(`/api/v1/alert-rules/${id}`, { signal }),
    refetchInterval: 10_000,
  });
}

export function useAlertEvents(id: string) {
  return useInfiniteQuery({
    ...listQueryOptions<AlertEventView>(alertKeys.events(id), `/api/v1/alert-rules/${id}/events`),
    refetchInterval: 10_000,
  });
}

export function useCreateAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAlertRuleInput) =>
      apiFetch<AlertRuleView>('/api/v1/alert-rules', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

export function useUpdateAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateAlertRuleInput }) =>
      apiFetch<AlertRuleView>(`/api/v1/alert-rules/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

export function useDeleteAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/v1/alert-rules/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.all }),
  });
}
