import { uuidParams } from '../api/handler';
import { named, type OpenAPIRegistry, pageOf, route } from '../openapi/registry';
import { listMessagesQuery, messageDetailSchema, messageViewSchema } from './schemas';

/** Documents app/api/v1/messages. */
export function registerMessagesApi(registry: OpenAPIRegistry): void {
  const Message = named('Message', messageViewSchema);
  const tag = 'Messages';
  route(registry, {
    method: 'get',
    path: '/api/v1/messages',
    operationId: 'listMessages',
    summary: 'Search messages',
    description: 'Newest first; filter by status, channel, workflow, time range, and `q` full-text search.',
    tag,
    access: 'read',
    query: listMessagesQuery,
    success: { status: 200, description: 'A page of messages', schema: pageOf('MessagePage', Message) },
  });
  route(registry, {
    method: 'get',
    path: '/api/v1/messages/{id}',
    operationId: 'getMessage',
    summary: 'Get a message with its delivery attempts',
    tag,
    access: 'read',
    params: uuidParams,
    success: { status: 200, description: 'The message', schema: named('MessageDetail', messageDetailSchema) },
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/messages/{id}/retry',
    operationId: 'retryMessage',
    summary: 'Re-drive a dead or failed message',
    tag,
    access: 'admin',
    params: uuidParams,
    success: { status: 202, description: 'Queued again', schema: Message },
    errors: [409],
  });
}
