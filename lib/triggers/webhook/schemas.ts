import { z } from 'zod';

export const webhookParams = z.object({ trigger_id: z.uuid('must be a trigger id (UUID)') });

export const webhookReceiptSchema = z.object({
  event_id: z.uuid(),
  duplicate: z
    .boolean()
    .describe('true when this delivery id was received before: nothing new was stored (HTTP 200)'),
  status: z
    .enum(['accepted', 'invalid'])
    .describe('invalid: the body is not JSON or does not map to an event; it is kept with the error'),
  error: z.string().optional().describe('why the event is invalid'),
  runs: z.array(z.object({ workflow_id: z.uuid(), run_id: z.uuid() })),
});
export type WebhookReceipt = z.infer<typeof webhookReceiptSchema>;
