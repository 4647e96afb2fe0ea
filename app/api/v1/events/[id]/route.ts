import { json, uuidParams, withApi } from '@/lib/api/handler';
import { getEvent } from '@/lib/events/detail';

/** An event with its payload (or raw body and error) and the runs it started. */
export const GET = withApi({ access: 'read', params: uuidParams }, async ({ params }) =>
  json(await getEvent(params.id)),
);
