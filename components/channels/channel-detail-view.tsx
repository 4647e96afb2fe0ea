'use client';

import { ChannelInvalidRecipients } from '@/components/invalid-recipients/channel-invalid-recipients';
import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { errorMessage } from '@/lib/client/api';
import { ChannelActivityCard } from './channel-activity-card';
import { useChannelActivity } from './channel-activity-queries';
import { ChannelForm } from './channel-form';
import { CheckHealthPanel } from './check-health-panel';
import { DeleteChannelButton } from './delete-channel-button';
import { useChannel, useProviders } from './queries';
import { SendTestPanel } from './send-test-panel';
import { ToggleChannelButton } from './toggle-channel-button';

export function ChannelDetailView({ id }: { id: string }) {
  const isAdmin = useIsAdmin();
  const channel = useChannel(id);
  const providers = useProviders();
  const activity = useChannelActivity([id]).data?.get(id);

  if (channel.isPending || providers.isPending)
    return <p className="text-sm text-slate-500">Loading channel…</p>;
  if (channel.isError) return <Alert tone="error">{errorMessage(channel.error)}</Alert>;
  if (providers.isError) return <Alert tone="error">{errorMessage(providers.error)}</Alert>;
  const provider = providers.data.find((p) => p.provider === channel.data.provider);

  return (
    <>
      <PageHeader
        title={channel.data.name}
        description={
          <>
            {provider?.label ?? channel.data.provider} · {channel.data.type} · version {channel.data.version}{' '}
            · updated <DateTime value={channel.data.updated_at} relativeTime />
          </>
        }
        actions={
          isAdmin ? (
            <>
              <ToggleChannelButton channel={channel.data} />
              <DeleteChannelButton channel={channel.data} />
            </>
          ) : null
        }
      />
      {!provider ? (
        <Alert tone="warning">This channel's provider “{channel.data.provider}” is not installed.</Alert>
      ) : null}
      {channel.data.enabled ? null : (
        <Alert tone="warning" title="Disabled">
          Nothing is sent through this channel: its messages fail at once, and go to its fallback channel when
          it has one.
        </Alert>
      )}
      <ChannelInvalidRecipients channelId={id} isPush={channel.data.type === 'push'} />
      <ChannelActivityCard channelId={id} enabled={channel.data.enabled} activity={activity} />
      {isAdmin ? (
        <Card>
          <CardHeader>
            <CardTitle>Try it</CardTitle>
            <CardDescription>A test sends a real message; a health check only connects.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6 md:grid-cols-2">
            <SendTestPanel channelId={id} requiresRecipient={provider?.requires_recipient ?? false} />
            <CheckHealthPanel channelId={id} />
          </CardContent>
        </Card>
      ) : (
        <Alert>Viewers can see channels but cannot change, test, disable or delete them.</Alert>
      )}
      <ChannelForm key={id} channel={channel.data} providers={providers.data} />
    </>
  );
}
