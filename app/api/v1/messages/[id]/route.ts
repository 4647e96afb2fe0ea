import { json, uuidParams, withApi } from '@/lib/api/handler';
import { getMessage } from '@/lib/messages/service';

export const GET = withApi({ access: 'read', params: uuidParams }, async ({ params }) =>
  json(await getMessage(params.id)),
);
