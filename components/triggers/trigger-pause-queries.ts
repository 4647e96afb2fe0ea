import { useApiMutation } from '@/components/data/api-mutation';
import { patchRow } from '@/components/data/optimistic';
import { apiFetch } from '@/lib/client/api';
import { type TriggerView, triggerKeys } from './queries';

interface PauseInput {
  id: string;
  name: string;
  /** false pauses (the workers stop its consumer within seconds), true resumes. */
  enabled: boolean;
}

/**
 * Pauses or resumes a trigger (`PATCH {enabled}`): shown at once in the list and on its page, rolled back with a
 * toast naming the problem if the server refuses.
 */
export function useSetTriggerEnabled() {
  return useApiMutation<TriggerView, PauseInput>({
    mutationFn: ({ id, enabled }) =>
      apiFetch<TriggerView>(`/api/v1/triggers/${id}`, { method: 'PATCH', body: { enabled } }),
    optimistic: ({ id, enabled }) => [
      patchRow<TriggerView>(triggerKeys.list(), id, (trigger) => ({ ...trigger, enabled })),
      patchRow<TriggerView>(triggerKeys.detail(id), id, (trigger) => ({ ...trigger, enabled })),
    ],
    invalidate: [triggerKeys.all],
    toast: {
      success: (_data, { name, enabled }) => (enabled ? `Resumed “${name}”.` : `Paused “${name}”.`),
      error: ({ name, enabled }) => `Could not ${enabled ? 'resume' : 'pause'} “${name}”`,
    },
  });
}
