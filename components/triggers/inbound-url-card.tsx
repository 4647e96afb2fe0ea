'use client';

import { useSyncExternalStore } from 'react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { CodeBlock } from '@/components/ui/code-block';

const noSubscription = () => () => {};

/** Where senders POST to a webhook trigger: this console's origin plus /api/v1/hooks/<trigger id>. */
export function InboundUrlCard({ triggerId }: { triggerId: string }) {
  // The origin is known only in the browser; the server render leaves it out.
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => '',
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Inbound URL</CardTitle>
        <CardDescription>
          Give the sender this URL; each POST becomes an event (verified as configured below).
        </CardDescription>
      </CardHeader>
      <CardContent>
        <CodeBlock data-testid="inbound-url">{`${origin}/api/v1/hooks/${triggerId}`}</CodeBlock>
      </CardContent>
    </Card>
  );
}
