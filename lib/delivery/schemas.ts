import { z } from 'zod';

export const statusHookParams = z.object({ channel_id: z.uuid('must be a channel id (UUID)') });
export const statusHookResultSchema = z.object({
  applied: z.number().int().describe('events that matched a message of this channel'),
  unknown: z.number().int().describe('events for message ids this channel never sent'),
});
