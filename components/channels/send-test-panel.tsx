'use client';

import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { JsonBlock } from '@/components/ui/code-block';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { errorMessage } from '@/lib/client/api';
import { useTestChannel } from './queries';

/** Sends a real message through the channel and shows the provider's answer. */
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
      {result?.ok === true ? (
        <Alert tone="success" role="status" title="Test message sent">
          <p>
            Provider message id:{' '}
            <code className="font-mono text-xs">{result.provider_message_id ?? '(none)'}</code> · took{' '}
            {result.duration_ms} ms
          </p>
          {result.response ? (
            <details className="mt-1">
              <summary className="cursor-pointer text-xs">Provider response</summary>
              <JsonBlock value={result.response} className="mt-1" />
            </details>
          ) : null}
        </Alert>
      ) : null}
      {result?.ok === false ? (
        <Alert tone="error" title="Test message failed">
          <p>{result.error}</p>
          <p className="text-xs">
            {result.retryable ? 'Retryable' : 'Not retryable'} · took {result.duration_ms} ms
          </p>
        </Alert>
      ) : null}
    </form>
  );
}
