import { json, withApi } from '@/lib/api/handler';
import { describeTriggerTypes } from '@/lib/triggers/describe';

/** The trigger types and their config forms (for the console). */
export const GET = withApi({ access: 'read' }, async () => json(describeTriggerTypes()));
