import { named, type OpenAPIRegistry, route } from '../openapi/registry';
import {
  countMessagesResultSchema,
  discardResultSchema,
  discardSchema,
  redriveResultSchema,
  redriveSchema,
} from './bulk-schemas';
import { countMessagesQuery } from './schemas';

const SELECTION =
  'Takes explicit `ids` (dead or failed ones are acted on, the others come back in `skipped`) or a filter ' +
  '(`status` default `["dead"]`, channel, workflow, time range, `q`; oldest first up to `limit`), not both. ' +
  'One audit entry records the reason, the selection and the message ids.';

/** Documents the dead-letter bulk routes of app/api/v1/messages. */
export function registerMessageBulkApi(registry: OpenAPIRegistry): void {
  const tag = 'Messages';
  route(registry, {
    method: 'post',
    path: '/api/v1/messages/redrive',
    operationId: 'redriveMessages',
    summary: 'Re-drive dead (or failed) messages',
    description: `Each goes back to \`queued\` with a fresh attempt budget. ${SELECTION}`,
    tag,
    access: 'admin',
    body: named('RedriveMessages', redriveSchema),
    success: {
      status: 202,
      description: 'How many were queued again',
      schema: named('RedriveResult', redriveResultSchema),
    },
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/messages/discard',
    operationId: 'discardMessages',
    summary: 'Discard dead (or failed) messages',
    description: `Each moves to the final status \`discarded\` and is never sent; \`reason\` is required. ${SELECTION}`,
    tag,
    access: 'admin',
    body: named('DiscardMessages', discardSchema),
    success: {
      status: 200,
      description: 'How many were discarded',
      schema: named('DiscardResult', discardResultSchema),
    },
  });
  route(registry, {
    method: 'get',
    path: '/api/v1/messages/count',
    operationId: 'countMessages',
    summary: 'Count messages matching a filter',
    description: "The list's filters; counting stops past `limit` (then `capped` is true).",
    tag,
    access: 'read',
    query: countMessagesQuery,
    success: {
      status: 200,
      description: 'How many match',
      schema: named('MessageCount', countMessagesResultSchema),
    },
  });
}
