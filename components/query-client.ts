import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ProblemError } from '@/lib/client/api';

/** A 4xx answer will not change on a retry; network failures and 5xx get one more try. */
function retry(failureCount: number, error: unknown): boolean {
  if (error instanceof ProblemError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}

/** The session expired or the account was disabled: send the browser back to the sign-in page. */
function onError(error: unknown): void {
  if (error instanceof ProblemError && error.status === 401 && typeof window !== 'undefined') {
    window.location.assign('/sign-in');
  }
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry, staleTime: 10_000 },
      mutations: { retry: false },
    },
  });
}
