import { z } from 'zod';
import { uuidParams } from '../api/handler';
import { paginationQuery } from '../api/pagination';
import { named, type OpenAPIRegistry, pageOf, route } from '../openapi/registry';
import { registerChannelActivityApi } from './activity-openapi';
import {
  channelSchema,
  createChannelSchema,
  healthResultSchema,
  providerDescriptionSchema,
  testChannelSchema,
  testResultSchema,
  updateChannelSchema,
  vapidKeysSchema,
} from './schemas';

/** Documents app/api/v1/channels. */
export function registerChannelsApi(registry: OpenAPIRegistry): void {
  const Channel = named('Channel', channelSchema);
  const tag = 'Channels';
  route(registry, {
    method: 'get',
    path: '/api/v1/channels',
    operationId: 'listChannels',
    summary: 'List channels',
    description: 'Newest first; secrets in `config` come back masked.',
    tag,
    access: 'read',
    query: paginationQuery,
    success: { status: 200, description: 'A page of channels', schema: pageOf('ChannelPage', Channel) },
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/channels',
    operationId: 'createChannel',
    summary: 'Create a channel',
    description: "`config` is checked against the provider's own settings schema.",
    tag,
    access: 'admin',
    body: named('CreateChannel', createChannelSchema),
    success: { status: 201, description: 'The new channel', schema: Channel },
  });
  route(registry, {
    method: 'get',
    path: '/api/v1/channels/providers',
    operationId: 'listChannelProviders',
    summary: "The providers and each one's settings",
    tag,
    access: 'read',
    success: {
      status: 200,
      description: 'Every provider',
      schema: z.array(named('ProviderDescription', providerDescriptionSchema)),
    },
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/channels/vapid-keys',
    operationId: 'generateVapidKeys',
    summary: 'Generate a VAPID key pair for a Web Push channel',
    description: "Nothing is stored: put both keys into a webpush channel's `config`.",
    tag,
    access: 'admin',
    success: { status: 200, description: 'A new key pair', schema: named('VapidKeys', vapidKeysSchema) },
  });
  route(registry, {
    method: 'get',
    path: '/api/v1/channels/{id}',
    operationId: 'getChannel',
    summary: 'Get a channel',
    tag,
    access: 'read',
    params: uuidParams,
    success: { status: 200, description: 'The channel', schema: Channel },
  });
  route(registry, {
    method: 'patch',
    path: '/api/v1/channels/{id}',
    operationId: 'updateChannel',
    summary: 'Change a channel',
    description: 'A masked secret sent back unchanged keeps its stored value.',
    tag,
    access: 'admin',
    params: uuidParams,
    body: named('UpdateChannel', updateChannelSchema),
    success: { status: 200, description: 'The updated channel', schema: Channel },
  });
  route(registry, {
    method: 'delete',
    path: '/api/v1/channels/{id}',
    operationId: 'deleteChannel',
    summary: 'Delete a channel',
    tag,
    access: 'admin',
    params: uuidParams,
    description:
      'Refused with 409 while workflows or alert rules name the channel (GET /api/v1/channels/{id}/usage lists them).',
    success: { status: 204, description: 'Deleted' },
    errors: [409],
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/channels/{id}/test',
    operationId: 'testChannel',
    summary: 'Send a real test message now',
    description: "A failed delivery is a 200 with `ok: false` and the provider's answer.",
    tag,
    access: 'admin',
    params: uuidParams,
    body: named('TestChannel', testChannelSchema),
    success: {
      status: 200,
      description: 'What the provider answered',
      schema: named('ChannelTestResult', testResultSchema),
    },
  });
  route(registry, {
    method: 'get',
    path: '/api/v1/channels/{id}/health',
    operationId: 'checkChannelHealth',
    summary: 'Check credentials and connectivity without sending',
    tag,
    access: 'admin',
    params: uuidParams,
    success: { status: 200, description: 'The check', schema: named('ChannelHealth', healthResultSchema) },
  });
  registerChannelActivityApi(registry, tag);
}
