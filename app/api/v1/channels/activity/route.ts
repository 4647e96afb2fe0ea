import { json, withApi } from '@/lib/api/handler';
import { channelActivity } from '@/lib/channels/activity';
import { channelActivityQuery } from '@/lib/channels/activity-schemas';

/** Health, last error and 24 h success rate of a page of channels, in one statement. */
export const GET = withApi({ access: 'read', query: channelActivityQuery }, async ({ query }) =>
  json({ data: await channelActivity(query.ids) }),
);
