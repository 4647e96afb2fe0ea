import { json, withApi } from '@/lib/api/handler';
import { openApiDocument } from '@/lib/openapi/document';

export const GET = withApi({ access: 'public' }, async () =>
  json(openApiDocument(), 200, { 'cache-control': 'public, max-age=300' }),
);
