import { json, uuidParams, withApi } from '@/lib/api/handler';
import { updateTriggerSchema } from '@/lib/triggers/schemas';
import { deleteTrigger, getTrigger, updateTrigger } from '@/lib/triggers/service';

export const GET = withApi({ access: 'read', params: uuidParams }, async ({ params }) =>
  json(await getTrigger(params.id)),
);

export const PATCH = withApi(
  { access: 'admin', params: uuidParams, body: updateTriggerSchema },
  async ({ params, body, principal, requestId }) =>
    json(await updateTrigger(params.id, body, { principal, requestId })),
);

export const DELETE = withApi(
  { access: 'admin', params: uuidParams },
  async ({ params, principal, requestId }) => {
    await deleteTrigger(params.id, { principal, requestId });
    return new Response(null, { status: 204 });
  },
);
