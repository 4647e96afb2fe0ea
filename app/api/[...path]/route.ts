import { AppError } from '@/lib/api/errors';
import { withApi } from '@/lib/api/handler';

/**
 * Any /api path no route matches (a typo, `/api/v1/workflows/%2e%2e/preview` normalised to `/api/v1/preview`):
 * a problem+json 404 like every other API error, rather than the console's HTML not-found page.
 */
const notFound = withApi({ access: 'public' }, async ({ req }) => {
  throw new AppError('not_found', `no API operation at ${req.method} ${new URL(req.url).pathname}`);
});

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
