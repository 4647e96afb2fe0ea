import { AppError } from '../errors';
import { problemResponse } from './errors';

/** Whether a URL path holds a segment that is not percent-encoded UTF-8 (`%ED%A0%80`, `%FF`, a lone `%`). */
export function hasUndecodableSegment(pathname: string): boolean {
  return pathname.split('/').some((segment) => {
    try {
      decodeURIComponent(segment);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * The 400 for such a path. Next.js cannot decode its params either and answers with its own error page, which
 * an App Router build without `pages/_error` turns into a bare 500; `proxy.ts` answers first with this.
 */
export function undecodablePathResponse(): Response {
  return problemResponse(undecodablePathError());
}

/** The client's malformed URL: a path segment that is not percent-encoded UTF-8 (400). */
export function undecodablePathError(): AppError {
  return new AppError('malformed', 'the URL path holds a segment that is not valid percent-encoded UTF-8', [
    { path: 'params', message: 'not valid percent-encoded UTF-8' },
  ]);
}
