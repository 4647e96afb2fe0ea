import { json, withApi } from '@/lib/api/handler';
import { describeProviders } from '@/lib/channels/registry';

/** Each provider's config form, derived from its zod schema. */
export const GET = withApi({ access: 'read' }, async () => json(describeProviders()));
