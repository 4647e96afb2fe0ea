import { toast } from 'sonner';
import { errorMessage, ProblemError } from '@/lib/client/api';

/**
 * What a mutation says when it settles. `success` is the toast after the server accepted the change (`false`:
 * none, for actions whose result shows on the page anyway); `error` is the title of the failure toast, whose text
 * is the API's problem detail (the failing fields and why).
 */
export interface MutationToast<TData, TVariables> {
  success: string | false | ((data: TData, variables: TVariables) => string);
  error: string | ((variables: TVariables) => string);
}

export function successText<TData, TVariables>(
  text: MutationToast<TData, TVariables>['success'],
  data: TData,
  variables: TVariables,
): string | null {
  if (text === false) return null;
  return typeof text === 'function' ? text(data, variables) : text;
}

/** The failure toast's title and text; null for a lapsed session, which goes back to the sign-in page instead. */
export function errorToast<TVariables>(
  title: MutationToast<unknown, TVariables>['error'],
  error: unknown,
  variables: TVariables,
): { title: string; description: string } | null {
  if (error instanceof ProblemError && error.status === 401) return null;
  return { title: typeof title === 'function' ? title(variables) : title, description: errorMessage(error) };
}

export function toastSuccess(text: string | null): void {
  if (text) toast.success(text);
}

export function toastError(failure: { title: string; description: string } | null): void {
  // Longer than a success: the text says what to fix.
  if (failure) toast.error(failure.title, { description: failure.description, duration: 8_000 });
}
