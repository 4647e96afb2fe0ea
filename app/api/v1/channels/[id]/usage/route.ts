import { json, uuidParams, withApi } from '@/lib/api/handler';
import { getChannelUsage } from '@/lib/channels/service';

/** The workflows, alert rules and channels that name this channel: what a delete would break. */
export const GET = withApi({ access: 'read', params: uuidParams }, async ({ params }) =>
  json(await getChannelUsage(params.id)),
);
