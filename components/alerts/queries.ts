import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApiMutation } from '@/components/data/api-mutation';
import { patchRow } from '@/components/data/optimistic';
import { usePagedList } from '@/components/data/use-paged-list';
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
  return usePagedList<AlertRuleView>({
    queryKey: alertKeys.list(),
    path: '/api/v1/alert-rules',
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
  return usePagedList<AlertEventView>({
    queryKey: alertKeys.events(id),
    path: `/api/v1/alert-rules/${id}/events`,
    refetchInterval: 10_000,
  });
}

export function useCreateAlertRule() {
  return useApiMutation({
    mutationFn: (input: CreateAlertRuleInput) =>
      apiFetch<AlertRuleView>('/api/v1/alert-rules', { method: 'POST', body: input }),
    toast: {
      success: 'Alert rule created',
      error: 'The alert rule was not created',
    },
    invalidate: [alertKeys.all],
  });
}

const updateRule = ({ id, patch }: { id: string; patch: UpdateAlertRuleInput }) =>
  apiFetch<AlertRuleView>(`/api/v1/alert-rules/${id}`, { method: 'PATCH', body: patch });

export function useUpdateAlertRule() {
  return useApiMutation({
    mutationFn: updateRule,
    toast: { success: 'Alert rule saved', error: 'The alert rule was not saved' },
    invalidate: [alertKeys.all],
  });
}

/** Enable or disable: shown at once in the list and on the rule's page, rolled back if the server refuses. */
export function useToggleAlertRule() {
  return useApiMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) => updateRule({ id, patch: { enabled } }),
    optimistic: ({ id, enabled }) => [
      patchRow<AlertRuleView>(alertKeys.all, id, (rule) => ({ ...rule, enabled })),
    ],
    toast: {
      success: (rule) => `Alert rule ${rule.enabled ? 'enabled' : 'disabled'}`,
      error: ({ enabled }) => `The alert rule was not ${enabled ? 'enabled' : 'disabled'}`,
    },
    invalidate: [alertKeys.all],
  });
}

/**
 * `onDeleted` (leave the deleted thing's page) runs here, before the refetch: the refetched page of what is gone
 * answers 404 and unmounts the button, and react-query drops a `mutate(v, {onSuccess})` of an unmounted caller.
 */
export function useDeleteAlertRule(onDeleted?: () => void) {
  return useApiMutation({
    onSuccess: () => onDeleted?.(),
    mutationFn: (id: string) => apiFetch<void>(`/api/v1/alert-rules/${id}`, { method: 'DELETE' }),
    toast: { success: 'Alert rule deleted', error: 'The alert rule was not deleted' },
    invalidate: [alertKeys.all],
  });
}
