import { jsonNestingExceeds, MAX_JSON_DEPTH } from '../../api/json-depth';
import type { IncomingItem } from '../../events/ingest-trigger';
import { readPath } from '../json-path';
import type { WebhookTriggerConfig } from '../types/webhook';

/**
 * Turns a verified request body into the item ingestTriggerBatch stores: the seed event
 * `{event_type, timestamp, data}` read from the body as the trigger says, or an invalid item that keeps the
 * raw body and says why, so a sender's mistake is visible on the Events page instead of lost.
 */
export function webhookItem(
  config: WebhookTriggerConfig,
  sourceId: string,
  rawBody: string,
  receivedAt: Date,
): IncomingItem {
  // Deeper documents would exhaust the stack of whatever walks them next (a 500 instead of an invalid event).
  if (jsonNestingExceeds(rawBody))
    return { sourceId, raw: rawBody, error: `body is JSON nested deeper than ${MAX_JSON_DEPTH} levels` };
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch (error) {
    return { sourceId, raw: rawBody, error: `body is not JSON: ${(error as Error).message}` };
  }
  let eventType = config.event_type;
  if (config.event_type_path) {
    const found = readPath(body, config.event_type_path);
    if (!found.found || typeof found.value !== 'string')
      return { sourceId, raw: rawBody, error: `no event type (a string) at ${config.event_type_path}` };
    eventType = found.value;
  }
  const data = config.data_path ? readPath(body, config.data_path) : { found: true as const, value: body };
  if (!data.found) return { sourceId, raw: rawBody, error: `no data at ${config.data_path}` };
  return {
    sourceId,
    raw: rawBody,
    body: {
      event_type: eventType,
      timestamp: receivedAt.toISOString(),
      data: data.value,
    },
  };
}
