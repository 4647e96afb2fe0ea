import { json, uuidParams, withApi } from '@/lib/api/handler';
import { audit } from '@/lib/audit/log';
import { updateUserSchema } from '@/lib/users/schemas';
import { deleteUser, updateUser } from '@/lib/users/service';

export const PATCH = withApi(
  { access: 'admin', params: uuidParams, body: updateUserSchema },
  async ({ params, body, principal, requestId }) => {
    const user = await updateUser(params.id, body);
    const { password, ...visible } = body;
    await audit({
      principal,
      action: 'user.update',
      resourceType: 'user',
      resourceId: params.id,
      changes: { ...visible, ...(password ? { password: '(changed)' } : {}) },
      requestId,
    });
    return json(user);
  },
);

export const DELETE = withApi(
  { access: 'admin', params: uuidParams },
  async ({ params, principal, requestId }) => {
    await deleteUser(params.id);
    await audit({ principal, action: 'user.delete', resourceType: 'user', resourceId: params.id, requestId });
    return new Response(null, { status: 204 });
  },
);
