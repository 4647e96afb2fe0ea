import { json, withApi } from '@/lib/api/handler';
import { listPage } from '@/lib/api/pagination';
import { listInvalidRecipientsQuery } from '@/lib/invalid-recipients/schemas';
import { listInvalidRecipients } from '@/lib/invalid-recipients/service';

export const GET = withApi({ access: 'read', query: listInvalidRecipientsQuery }, async ({ query }) => {
  const { limit, cursor, before, ...filter } = query;
  return json(await listPage({ limit, cursor, before }, (request) => listInvalidRecipients(filter, request)));
});
