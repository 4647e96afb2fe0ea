import { json, withApi } from '@/lib/api/handler';
import { workflowVersionParams } from '@/lib/workflows/version-schemas';
import { getVersion, toVersionView } from '@/lib/workflows/versions';

export const GET = withApi({ access: 'read', params: workflowVersionParams }, async ({ params }) =>
  json(toVersionView(await getVersion(params.key, params.version))),
);
