'use client';

import Link from 'next/link';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { Facts } from '@/components/ui/facts';
import type { ChannelActivity } from './channel-activity-queries';
import { ChannelHealthDot, SuccessRate } from './channel-health-dot';

/** The channel page's view of how it delivered lately, with links to the messages behind each figure. */
export function ChannelActivityCard({
  channelId,
  enabled,
  activity,
}: {
  channelId: string;
  enabled: boolean;
  activity: ChannelActivity | undefined;
}) {
  const day = activity?.last_24h;
  const messages = (status?: string) =>
    `/messages?${new URLSearchParams({
      channel_id: channelId,
      ...(status ? { status } : {}),
      from: new Date(Date.now() - 86_400_000).toISOString(),
    })}`;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Activity</CardTitle>
        <CardDescription>
          Health from its newest messages; counts over the last 24 hours. Refreshes every 10 seconds.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Facts
          items={[
            ['Health', <ChannelHealthDot key="health" activity={activity} enabled={enabled} />],
            [
              'Messages (24 h)',
              day ? (
                <Link key="all" href={messages()} className="tabular-nums hover:underline">
                  {day.messages.toLocaleString('en-US')}
                </Link>
              ) : null,
            ],
            ['Success rate (24 h)', <SuccessRate key="rate" activity={activity} />],
            [
              'Failed (24 h)',
              day ? (
                <Link
                  key="failed"
                  href={messages('failed,dead,bounced')}
                  className="tabular-nums hover:underline"
                >
                  {day.failed.toLocaleString('en-US')}
                </Link>
              ) : null,
            ],
            [
              'Last error',
              activity?.last_error ? (
                <span key="error" className="text-red-700">
                  <DateTime value={activity.last_error_at} relativeTime />: {activity.last_error}
                </span>
              ) : null,
            ],
          ]}
        />
      </CardContent>
    </Card>
  );
}
