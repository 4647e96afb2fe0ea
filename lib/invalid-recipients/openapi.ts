import { uuidParams } from '../api/handler';
import { named, type OpenAPIRegistry, pageOf, route } from '../openapi/registry';
import { invalidRecipientSchema, listInvalidRecipientsQuery } from './schemas';

/** Documents app/api/v1/invalid-recipients. */
export function registerInvalidRecipientsApi(registry: OpenAPIRegistry): void {
  const InvalidRecipient = named('InvalidRecipient', invalidRecipientSchema);
  const tag = 'Invalid recipients';
  route(registry, {
    method: 'get',
    path: '/api/v1/invalid-recipients',
    operationId: 'listInvalidRecipients',
    summary: 'List recipients a push provider reported invalid',
    description:
      'Device tokens APNs or FCM reported unregistered (or bad) and Web Push subscriptions the push service ' +
      'reported expired (404/410), per channel, newest first. Sends to a listed recipient through that channel ' +
      'fail at once without a request; remove the token from the sending system, or delete the entry once the ' +
      'recipient is valid again.',
    tag,
    access: 'read',
    query: listInvalidRecipientsQuery,
    success: {
      status: 200,
      description: 'A page of invalid recipients',
      schema: pageOf('InvalidRecipientPage', InvalidRecipient),
    },
  });
  route(registry, {
    method: 'get',
    path: '/api/v1/invalid-recipients/{id}',
    operationId: 'getInvalidRecipient',
    summary: 'An invalid recipient',
    tag,
    access: 'read',
    params: uuidParams,
    success: { status: 200, description: 'The invalid recipient', schema: InvalidRecipient },
  });
  route(registry, {
    method: 'delete',
    path: '/api/v1/invalid-recipients/{id}',
    operationId: 'deleteInvalidRecipient',
    summary: 'Forget an invalid recipient',
    description:
      'Sends to the recipient through its channel go out again (a token registered again). If the provider ' +
      'still refuses it, the next failed send lists it again.',
    tag,
    access: 'admin',
    params: uuidParams,
    success: { status: 204, description: 'Deleted' },
  });
}
