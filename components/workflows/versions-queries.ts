import { useQuery } from '@tanstack/react-query';
import { useApiMutation } from '@/components/data/api-mutation';
import { usePagedList } from '@/components/data/use-paged-list';
import { apiFetch } from '@/lib/client/api';
import type { WorkflowVersionView } from '@/lib/workflows/version-schemas';
import { type WorkflowView, workflowKeys } from './queries';

export type { WorkflowVersionView };

// Under the workflow's detail key: whatever refreshes the workflow after a save refreshes its versions too.
export const versionKeys = {
  list: (key: string) => [...workflowKeys.detail(key), 'versions'] as const,
  detail: (key: string, version: number) => [...versionKeys.list(key), version] as const,
};

const path = (key: string) => `/api/v1/workflows/${encodeURIComponent(key)}/versions`;

export function useWorkflowVersions(key: string) {
  return usePagedList<WorkflowVersionView>({ queryKey: versionKeys.list(key), path: path(key) });
}

export function useWorkflowVersion(key: string, version: number | null) {
  return useQuery({
    queryKey: versionKeys.detail(key, version ?? 0),
    queryFn: ({ signal }) => apiFetch<WorkflowVersionView>(`${path(key)}/${version}`, { signal }),
    enabled: version !== null,
    // A saved version never changes.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useRestoreWorkflowVersion(key: string) {
  return useApiMutation({
    mutationFn: (version: number) =>
      apiFetch<WorkflowView>(`${path(key)}/${version}/restore`, { method: 'POST' }),
    toast: {
      success: (workflow, version) => `Version ${version} restored as version ${workflow.version}`,
      error: (version) => `Version ${version} was not restored`,
    },
    invalidate: [workflowKeys.all],
  });
}
