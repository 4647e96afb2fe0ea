import { z } from 'zod';
import { uuidParams } from '../api/handler';
import { named, type OpenAPIRegistry, route } from '../openapi/registry';
import { createUserSchema, updateUserSchema, userSchema } from './schemas';

export function registerUsersApi(registry: OpenAPIRegistry): void {
  const User = named('User', userSchema);
  const tag = 'Users';
  route(registry, {
    method: 'get',
    path: '/api/v1/users',
    operationId: 'listUsers',
    summary: 'List console users',
    description: 'All users, oldest first, in one page (`next_cursor` and `prev_cursor` are always null).',
    tag,
    access: 'read',
    success: {
      status: 200,
      description: 'Every user',
      schema: named(
        'UserPage',
        z.object({ data: z.array(User), next_cursor: z.null(), prev_cursor: z.null() }),
      ),
    },
  });
  route(registry, {
    method: 'post',
    path: '/api/v1/users',
    operationId: 'createUser',
    summary: 'Add a console user',
    tag,
    access: 'admin',
    body: named('CreateUser', createUserSchema),
    success: { status: 201, description: 'The new user', schema: User },
    errors: [409],
  });
  route(registry, {
    method: 'patch',
    path: '/api/v1/users/{id}',
    operationId: 'updateUser',
    summary: 'Change a user (name, role, password, disabled)',
    description:
      'Refused with 409 when it would leave no enabled administrator. Disabling a user or setting a new ' +
      'password ends the sessions the user has; a disabled user cannot sign in. Audit-logged with the changed ' +
      'fields before and after (a password only as `password_reset: true`).',
    tag,
    access: 'admin',
    params: uuidParams,
    body: named('UpdateUser', updateUserSchema),
    success: { status: 200, description: 'The updated user', schema: User },
    errors: [409],
  });
  route(registry, {
    method: 'delete',
    path: '/api/v1/users/{id}',
    operationId: 'deleteUser',
    summary: 'Delete a user',
    description: 'Refused with 409 when it would leave no enabled administrator.',
    tag,
    access: 'admin',
    params: uuidParams,
    success: { status: 204, description: 'Deleted' },
    errors: [409],
  });
}
