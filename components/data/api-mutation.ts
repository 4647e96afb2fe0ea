import {
  type QueryClient,
  type QueryKey,
  type UseMutationOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { errorToast, type MutationToast, successText, toastError, toastSuccess } from './mutation-toast';
import { applyOptimistic, type OptimisticPatch } from './optimistic';

interface RollbackContext {
  rollback?: () => void;
}

type Options<TData, TVariables> = UseMutationOptions<TData, Error, TVariables, RollbackContext>;

export interface ApiMutationOptions<TData, TVariables> extends Omit<Options<TData, TVariables>, 'onMutate'> {
  mutationFn: (variables: TVariables) => Promise<TData>;
  /** The toasts it shows (success and failure). */
  toast: MutationToast<TData, TVariables>;
  /** Query keys (prefixes) refetched once the mutation settles, whether it succeeded or not. */
  invalidate?: QueryKey[];
  /** Cache changes shown at once and rolled back if the server refuses (quick toggles). */
  optimistic?: (variables: TVariables) => OptimisticPatch[];
}

/** The react-query options behind `useApiMutation` (apart so tests can run them through a MutationObserver). */
export function apiMutationOptions<TData, TVariables>(
  queryClient: QueryClient,
  options: ApiMutationOptions<TData, TVariables>,
): Options<TData, TVariables> {
  const { toast, invalidate = [], optimistic, onSuccess, onError, onSettled, ...rest } = options;
  return {
    ...rest,
    onMutate: optimistic
      ? async (variables) => ({ rollback: await applyOptimistic(queryClient, optimistic(variables)) })
      : undefined,
    onSuccess: (data, variables, context, mutation) => {
      toastSuccess(successText(toast.success, data, variables));
      return onSuccess?.(data, variables, context, mutation);
    },
    onError: (error, variables, context, mutation) => {
      context?.rollback?.();
      toastError(errorToast(toast.error, error, variables));
      return onError?.(error, variables, context, mutation);
    },
    onSettled: async (data, error, variables, context, mutation) => {
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      return onSettled?.(data, error, variables, context, mutation);
    },
  };
}

/**
 * Every console mutation goes through here: one place for the toasts (success, and the API's problem on failure),
 * the optimistic update and its rollback, and the refetch of what changed. Callers' own `onSuccess`/`onError`
 * (in these options or in `mutate(v, {onError})`) still run.
 */
export function useApiMutation<TData, TVariables = void>(options: ApiMutationOptions<TData, TVariables>) {
  return useMutation(apiMutationOptions(useQueryClient(), options));
}
