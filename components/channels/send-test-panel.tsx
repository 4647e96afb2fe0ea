'use client';

import { type FormEvent, type ReactNode, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { JsonBlock } from '@/components/ui/code-block';
import { Facts } from '@/components/ui/facts';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import type { TestResult } from '@/lib/channels/schemas';
import { errorMessage } from '@/lib/client/api';
import { useTestChannel } from './queries';

/** The provider's answer: status code, message id or error, whether it would be retried, and its body. */
function ProviderAnswer({ result }: { result: TestResult }) {
  const facts: [string, ReactNode][] = [
    ['Status', result.response_code ?? 'not reported'],
    result.ok
      ? [
          'Message id',
          <code key="id" className="font-mono text-xs">
            {result.provider_message_id ?? '(none)'}
          </code>,
        ]
      : ['Retried in a delivery', result.retryable ? 'yes (retryable)' : 'no (permanent)'],
    ['Took', `${result.duration_ms} ms`],
  ];
  return (
    <div className="flex flex-col gap-2" data-testid="provider-answer">
      {result.ok ? null : <p className="break-words">{result.error}</p>}
      <Facts items={facts} className="text-xs" />
      {result.response ? (
        <details open={!result.ok}>
          <summary className="cursor-pointer text-xs font-medium">Provider response</summary>
          <JsonBlock value={result.response} className="mt-1" />
        </details>
      ) : null}
    </div>
  );
}

/** Sends a real message through the channel and shows the provider's answer, success or not. */
export function SendTestPanel({
  channelId,
  requiresRecipient,
}: {
  channelId: string;
  requiresRecipient: boolean;
}) {
  const test = useTestChannel(channelId);
  const [to, setTo] = useState('');
  const result = test.data;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    test.mutate(requiresRecipient ? to.trim() : '');
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        {requiresRecipient ? (
          <Field id="test-recipient" label="Recipient" className="min-w-64 flex-1">
            <Input
              id="test-recipient"
              value={to}
              autoComplete="off"
              placeholder="e.g. ops@example.com"
              onChange={(e) => setTo(e.target.value)}
              {...describedBy('test-recipient')}
            />
          </Field>
        ) : null}
        <Button type="submit" variant="secondary" disabled={test.isPending}>
          {test.isPending ? 'Sending…' : 'Send test'}
        </Button>
      </div>
      {test.isError ? <Alert tone="error">{errorMessage(test.error)}</Alert> : null}
      {result && !test.isPending ? (
        <Alert
          tone={result.ok ? 'success' : 'error'}
          role={result.ok ? 'status' : 'alert'}
          title={result.ok ? 'Test message sent' : 'Test message failed'}
        >
          <ProviderAnswer result={result} />
        </Alert>
      ) : null}
    </form>
  );
}
