import { z } from 'zod';
import { uuidParams } from '../api/handler';
import { named, type OpenAPIRegistry, route } from '../openapi/registry';
import { channelActivityQuery, channelActivitySchema, channelUsageSchema } from './activity-schemas';

/** Documents app/api/v1/channels/activity and app/api/v1/channels/{id}/usage. */
export function registerChannelActivityApi(registry: OpenAPIRegistry, tag: string): void {
  route(registry, {
    method: 'get',
    path: '/api/v1/channels/activity',
    operationId: 'getChannelActivity',
    summary: 'How the given channels delivered lately',
    description:
      'For each channel: a health verdict, the newest error and the last 24 hours\u2019 success rate, for a ' +
      'whole page of the channel list in one request.',
    tag,
    access: 'read',
    query: channelActivityQuery,
    success: {
      status: 200,
      description: 'One entry per known channel',
      schema: z.object({ data: z.array(named('ChannelActivity', channelActivitySchema)) }),
    },
  });
  route(registry, {
    method: 'get',
    path: '/api/v1/channels/{id}/usage',
    operationId: 'getChannelUsage',
    summary: 'What uses a channel',
    description:
      'Workflows, alert rules and channels naming it. While workflows or alert rules do, `DELETE` answers 409.',
    tag,
    access: 'read',
    params: uuidParams,
    success: { status: 200, description: 'Its users', schema: named('ChannelUsage', channelUsageSchema) },
  });
}
