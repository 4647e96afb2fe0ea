import { z } from 'zod';
import { filterSchema } from '../../workflows/filters';
import { dottedPathOrRootSchema, dottedPathSchema } from '../json-path';
import { defineTriggerType } from './define';
import { headerNameSchema } from './fields';

// Credentials belong in the secret `auth_header`, so they are encrypted and masked; the rest the client sets.
const RESERVED_HEADERS = new Set([
  'authorization',
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
]);
const extraHeaderName = headerNameSchema.refine(
  (name) => !RESERVED_HEADERS.has(name.toLowerCase()),
  'is reserved (credentials go in auth_header)',
);

export const pollTriggerConfigSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .max(2000)
    .describe('fetched with GET; private and loopback addresses are refused unless in OUTBOUND_ALLOWLIST'),
  headers: z
    .record(extraHeaderName, z.string().max(4000))
    .optional()
    .describe('extra request headers (not secret; put credentials in auth_header)'),
  auth_header_name: headerNameSchema.default('Authorization'),
  auth_header: z
    .string()
    .max(4000)
    .optional()
    .meta({ secret: true, label: 'Auth header value', description: 'e.g. "Bearer …"; stored encrypted' }),
  interval_seconds: z.number().int().min(5).max(86_400).default(60),
  items_path: dottedPathOrRootSchema
    .default('')
    .describe('dotted path of the array of items in the JSON response; empty when the response is the array'),
  id_path: dottedPathSchema.describe("dotted path of each item's unique id; an item seen again is skipped"),
  event_type: z.string().trim().min(1).max(200),
  filter: filterSchema,
});
export type PollTriggerConfig = z.output<typeof pollTriggerConfigSchema>;

/** One worker at a time polls a trigger; every new item (by id) becomes one event with the item as data. */
export const pollTriggerType = defineTriggerType({
  type: 'poll',
  label: 'Poll an HTTP endpoint',
  configSchema: pollTriggerConfigSchema as z.ZodType<PollTriggerConfig>,
});
