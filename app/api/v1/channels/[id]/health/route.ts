import { json, uuidParams, withApi } from '@/lib/api/handler';
import { checkChannelHealth } from '@/lib/channels/test-send';

/** Connectivity and credentials, checked without sending anything. */
export const GET = withApi({ access: 'admin', params: uuidParams }, async ({ params }) =>
  json(await checkChannelHealth(params.id)),
);
