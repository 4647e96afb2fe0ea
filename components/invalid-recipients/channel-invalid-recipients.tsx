'use client';

import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { CHANNEL_COUNT_LIMIT, useChannelInvalidRecipients } from './queries';

/**
 * On a push channel's page: how many of its recipients the provider reported invalid, with a link to them.
 * Nothing when there are none (or the channel is not a push channel).
 */
export function ChannelInvalidRecipients({ channelId, isPush }: { channelId: string; isPush: boolean }) {
  const query = useChannelInvalidRecipients(channelId, isPush);
  const page = query.data;
  if (!isPush || !page || page.data.length === 0) return null;
  const count = page.next_cursor ? `${CHANNEL_COUNT_LIMIT}+` : String(page.data.length);
  const noun = page.data.length === 1 && !page.next_cursor ? 'recipient' : 'recipients';
  return (
    <Alert tone="warning" title={`${count} invalid ${noun}`}>
      The provider reported them gone for good (unregistered tokens, expired subscriptions); sends to them
      fail at once without a request.{' '}
      <Link
        href={`/invalid-recipients?channel_id=${channelId}`}
        className="font-medium underline underline-offset-2"
      >
        View invalid recipients
      </Link>
    </Alert>
  );
}
