import { z } from 'zod';
import { filterSchema } from '../../workflows/filters';
import { defineTriggerType } from './define';

/** `api` triggers fire on events POSTed to /api/v1/events whose `{event_type, timestamp, data}` match. */
export const apiTriggerConfigSchema = z.strictObject({ filter: filterSchema });

export const apiTriggerType = defineTriggerType({
  type: 'api',
  label: 'REST API events',
  configSchema: apiTriggerConfigSchema,
});
