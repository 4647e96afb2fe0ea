import type { NextRequest } from 'next/server';
import { hasUndecodableSegment, undecodablePathResponse } from './lib/api/undecodable-path';

/**
 * Runs only for API paths holding a `%` (see the matcher), so ordinary requests never pay for it: a path that
 * is not percent-encoded UTF-8 gets a problem+json 400 before Next.js fails to decode its params.
 */
export function proxy(request: NextRequest): Response | undefined {
  // The WHATWG URL keeps percent-encoding as sent, valid or not.
  return hasUndecodableSegment(new URL(request.url).pathname) ? undecodablePathResponse() : undefined;
}

export const config = { matcher: ['/api/:path(.*%.*)'] };
