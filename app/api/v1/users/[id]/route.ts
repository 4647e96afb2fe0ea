import { json, uuidParams, withApi } from '@/lib/api/handler';
import { updateUserSchema } from '@/lib/users/schemas';
import { deleteUser, updateUser } from '@/lib/users/service';

/** Renames, changes the role, resets the password or (dis)ables; disabling and resets end the user's sessions. */
export const PATCH = withApi(
  { access: 'admin', params: uuidParams, body: updateUserSchema },
  async ({ params, body, principal, requestId }) =>
    json(await updateUser(params.id, body, { principal, requestId })),
);

export const DELETE = withApi(
  { access: 'admin', params: uuidParams },
  async ({ params, principal, requestId }) => {
    await deleteUser(params.id, { principal, requestId });
    return new Response(null, { status: 204 });
  },
);
