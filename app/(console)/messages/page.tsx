import type { Metadata } from 'next';
import { MessagesView } from '@/components/messages/messages-view';

export const metadata: Metadata = { title: 'Messages' };
export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) =>
  typeof value === 'string' && value ? value : undefined;

export default async function MessagesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const initialFilter = {
    status: one(search.status),
    channel_id: one(search.channel_id),
    workflow_id: one(search.workflow_id),
  };
  return <MessagesView initialFilter={initialFilter} />;
}
