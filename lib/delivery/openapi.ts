import { named, type OpenAPIRegistry, route } from '../openapi/registry';
import { statusHookParams, statusHookResultSchema } from './schemas';

/** Documents the provider status callback route. */
export function registerStatusHooksApi(registry: OpenAPIRegistry): void {
  route(registry, {
    method: 'post',
    path: '/api/v1/hooks/status/{channel_id}',
    operationId: 'receiveProviderStatus',
    summary: "Receive a provider's delivery status callback",
    description:
      "Point the provider's status callback / event webhook here. Authenticated by the provider's signature, checked with the channel's credentials; the body is the provider's own format.",
    tag: 'Channels',
    access: 'public',
    params: statusHookParams,
    success: {
      status: 200,
      description: 'Events applied',
      schema: named('StatusHookResult', statusHookResultSchema),
    },
    errors: [400, 401, 404, 413],
  });
}
