import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApiMutation } from '@/components/data/api-mutation';
import { usePagedList } from '@/components/data/use-paged-list';
import { messageKeys } from '@/components/messages/queries';
import { triggerKeys } from '@/components/triggers/queries';
import { apiFetch, type ListPage } from '@/lib/client/api';
import type { previewResultSchema, triggerResultSchema } from '@/lib/workflow-engine/schemas';
import type { createWorkflowSchema, updateWorkflowSchema, WorkflowView } from '@/lib/workflows/schemas';

export type { WorkflowView };
export type CreateWorkflowInput = z.input<typeof createWorkflowSchema>;
export type UpdateWorkflowInput = z.input<typeof updateWorkflowSchema>;
export type PreviewResult = z.output<typeof previewResultSchema>;
export type TriggerResult = z.output<typeof triggerResultSchema>;

export const workflowKeys = {
  all: ['workflows'] as const,
  list: () => [...workflowKeys.all, 'list'] as const,
  options: () => [...workflowKeys.all, 'options'] as const,
  detail: (key: string) => [...workflowKeys.all, 'detail', key] as const,
};

const path = (key: string) => `/api/v1/workflows/${encodeURIComponent(key)}`;

export function useWorkflows() {
  return usePagedList<WorkflowView>({ queryKey: workflowKeys.list(), path: '/api/v1/workflows' });
}

/** Up to 200 workflows for selects and name look-ups (triggers, message filters). */
export function useWorkflowOptions() {
  return useQuery({
    queryKey: workflowKeys.options(),
    queryFn: ({ signal }) => apiFetch<ListPage<WorkflowView>>('/api/v1/workflows?limit=200', { signal }),
    select: (page) => page.data,
    staleTime: 30_000,
  });
}

export function useWorkflow(key: string) {
  return useQuery({
    queryKey: workflowKeys.detail(key),
    queryFn: ({ signal }) => apiFetch<WorkflowView>(path(key), { signal }),
  });
}

export function useCreateWorkflow() {
  return useApiMutation({
    mutationFn: (input: CreateWorkflowInput) =>
      apiFetch<WorkflowView>('/api/v1/workflows', { method: 'POST', body: input }),
    toast: {
      success: 'Workflow created',
      error: 'The workflow was not created',
    },
    invalidate: [workflowKeys.all],
  });
}

export function useUpdateWorkflow(key: string) {
  return useApiMutation({
    mutationFn: (patch: UpdateWorkflowInput) =>
      apiFetch<WorkflowView>(path(key), { method: 'PATCH', body: patch }),
    toast: {
      success: (workflow) => `Workflow saved as version ${workflow.version}`,
      error: 'The workflow was not saved',
    },
    invalidate: [workflowKeys.all],
  });
}

/**
 * `onDeleted` (leave the deleted thing's page) runs here, before the refetch: the refetched page of what is gone
 * answers 404 and unmounts the button, and react-query drops a `mutate(v, {onSuccess})` of an unmounted caller.
 */
export function useDeleteWorkflow(onDeleted?: () => void) {
  return useApiMutation({
    onSuccess: () => onDeleted?.(),
    mutationFn: (key: string) => apiFetch<void>(path(key), { method: 'DELETE' }),
    toast: { success: 'Workflow deleted', error: 'The workflow was not deleted' },
    // The workflow's triggers go with it.
    invalidate: [workflowKeys.all, triggerKeys.all],
  });
}

/** Renders every step with sample data; sends nothing, so it is a mutation only in the HTTP sense. */
export function usePreviewWorkflow(key: string) {
  return useApiMutation({
    mutationFn: (data: Record<string, unknown>) =>
      apiFetch<PreviewResult>(`${path(key)}/preview`, { method: 'POST', body: { data } }),
    // The rendered steps show in the panel; only a failed request is news.
    toast: { success: false, error: 'The preview did not render' },
  });
}

export function useTriggerWorkflow(key: string) {
  return useApiMutation({
    mutationFn: (data: Record<string, unknown>) =>
      apiFetch<TriggerResult>(`${path(key)}/trigger`, { method: 'POST', body: { data } }),
    toast: { success: 'Workflow triggered: a run started', error: 'The workflow was not triggered' },
    invalidate: [messageKeys.all],
  });
}
