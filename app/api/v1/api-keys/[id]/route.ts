import { json, uuidParams, withApi } from '@/lib/api/handler';
import { revokeApiKey } from '@/lib/api-keys/service';
import { audit } from '@/lib/audit/log';

/** Revokes the key; the row stays so the audit trail and last_used_at remain visible. */
export const DELETE = withApi(
  { access: 'admin', params: uuidParams },
  async ({ params, principal, requestId }) => {
    const revoked = await revokeApiKey(params.id);
    await audit({
      principal,
      action: 'api_key.revoke',
      resourceType: 'api_key',
      resourceId: params.id,
      requestId,
    });
    return json(revoked);
  },
);
