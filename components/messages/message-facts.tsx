'use client';

import Link from 'next/link';
import { Card, CardContent } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { Facts } from '@/components/ui/facts';
import { useNameLookups } from './lookups';
import type { MessageView } from './queries';

const mono = (value: string | null) => (value ? <span className="font-mono text-xs">{value}</span> : null);
const time = (value: string | null) => (value ? <DateTime value={value} /> : null);
const linkTo = (href: string, label: string) => (
  <Link href={href} className="underline hover:text-slate-700">
    {label}
  </Link>
);

/** Who, where, when: the message's fields, with its channel and workflow by name. */
export function MessageFacts({ message: m }: { message: MessageView }) {
  const { channelById, workflowById } = useNameLookups();
  const channel = m.channel_id ? channelById.get(m.channel_id) : undefined;
  const workflow = m.workflow_id ? workflowById.get(m.workflow_id) : undefined;
  const channelCell = channel ? linkTo(`/channels/${channel.id}`, channel.name) : mono(m.channel_id);
  const workflowCell = workflow
    ? linkTo(`/workflows/${encodeURIComponent(workflow.key)}`, workflow.name)
    : mono(m.workflow_id);
  const fallbackOf = m.fallback_of_id ? linkTo(`/messages/${m.fallback_of_id}`, m.fallback_of_id) : null;

  return (
    <Card>
      <CardContent className="py-4">
        <Facts
          items={[
            ['Recipient', m.recipient || null],
            ['Channel', channelCell],
            ['Workflow', workflowCell],
            ['Run', mono(m.run_id)],
            ['Step', m.step_index === null ? null : m.step_index + 1],
            ['Attempts', m.attempt_count],
            ['Provider message id', mono(m.provider_message_id)],
            ['Fallback of', fallbackOf],
            ['Created', time(m.created_at)],
            ['Next attempt', time(m.next_attempt_at)],
            ['Sent', time(m.sent_at)],
            ['Updated', time(m.updated_at)],
          ]}
        />
      </CardContent>
    </Card>
  );
}
