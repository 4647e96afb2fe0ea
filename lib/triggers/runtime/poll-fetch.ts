import { createHash } from 'node:crypto';
import type { IncomingItem } from '../../events/ingest-trigger';
import { outboundRequest } from '../../outbound/http-client';
import { readPath } from '../json-path';
import { boundedIdPart } from '../source-id';
import type { PollTriggerConfig } from '../types/poll';

const TIMEOUT_MS = 30_000;
// outboundRequest reads at most this much of a response; a longer list arrives cut and cannot be parsed.
const READ_LIMIT = 64 * 1024;

/** GETs the trigger's URL through the SSRF guard and returns the items; throws with a readable reason. */
export async function fetchItems(config: PollTriggerConfig, signal: AbortSignal): Promise<unknown[]> {
  const headers: Record<string, string> = { accept: 'application/json', ...config.headers };
  if (config.auth_header) headers[config.auth_header_name] = config.auth_header;
  const response = await outboundRequest({
    url: config.url,
    method: 'GET',
    headers,
    timeoutMs: TIMEOUT_MS,
    signal,
  });
  if (response.status < 200 || response.status >= 300)
    throw new Error(`GET ${response.url} answered HTTP ${response.status}`);
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch (error) {
    const cut =
      Buffer.byteLength(response.body) >= READ_LIMIT ? ` (only the first ${READ_LIMIT} bytes are read)` : '';
    throw new Error(`response of GET ${response.url} is not JSON${cut}: ${(error as Error).message}`);
  }
  const where = config.items_path || 'the response';
  const found = readPath(body, config.items_path);
  if (!found.found) throw new Error(`response of GET ${response.url} has no ${where}`);
  if (!Array.isArray(found.value))
    throw new Error(`${where} in the response of GET ${response.url} is not an array`);
  return found.value;
}

/**
 * One item per event, keyed `<trigger id>:<item id>` so an item seen in an earlier poll is a duplicate and
 * creates nothing. An item without a usable id is kept as an invalid event (keyed by its content, so it is
 * stored once, not at every poll) for someone to fix `id_path`.
 */
export function pollItems(
  triggerId: string,
  config: PollTriggerConfig,
  items: unknown[],
  now: Date,
): IncomingItem[] {
  const timestamp = now.toISOString();
  return items.map((item) => {
    const id = readPath(item, config.id_path);
    const usable =
      id.found && ((typeof id.value === 'string' && id.value !== '') || typeof id.value === 'number');
    if (usable)
      return {
        sourceId: `${triggerId}:${boundedIdPart(String(id.value))}`,
        body: { event_type: config.event_type, timestamp, data: item },
      };
    const raw = JSON.stringify(item) ?? 'undefined';
    return {
      sourceId: `${triggerId}:no-id:${createHash('sha256').update(raw).digest('hex')}`,
      raw,
      error: `item has no id (a string or number) at ${config.id_path}`,
    };
  });
}
