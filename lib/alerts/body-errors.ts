import { AppError } from '../errors';

/**
 * Runs a service call whose field errors are relative to the request body, rooting them under `body.` before
 * the route wrapper sees them: a rule's own `params` field would otherwise read as the route's path params
 * (lib/api/errors.ts takes a path starting with `params.` as already rooted).
 */
export async function withBodyErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError) || !error.errors.length) throw error;
    const errors = error.errors.map((e) => ({ ...e, path: `body.${e.path}` }));
    throw new AppError(error.code, error.message, errors, error.headers);
  }
}
