import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { JsonBlock } from '@/components/ui/code-block';
import { DateTime } from '@/components/ui/date-time';
import type { MessageDetail } from './queries';

type Attempt = MessageDetail['attempts'][number];

// Delivery tries answer success / retryable_error / permanent_error; provider events (delivered, bounced…) share
// the timeline.
function outcomeTone(outcome: string) {
  if (['success', 'sent', 'delivered', 'opened', 'clicked'].includes(outcome)) return 'success' as const;
  if (outcome.includes('retry')) return 'warning' as const;
  if (outcome.includes('error') || ['failed', 'dead', 'bounced'].includes(outcome)) return 'danger' as const;
  return 'neutral' as const;
}

function Summary({ label, value }: { label: string; value: Attempt['request'] }) {
  if (!value) return null;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-slate-600 hover:text-slate-900">{label}</summary>
      <JsonBlock value={value} className="mt-1" />
    </details>
  );
}

/** Every delivery attempt, oldest first, with what was sent and what the provider answered. */
export function AttemptsTimeline({ attempts }: { attempts: Attempt[] }) {
  const ordered = [...attempts].sort(
    (a, b) => a.attempt - b.attempt || a.started_at.localeCompare(b.started_at),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Attempts</CardTitle>
      </CardHeader>
      <CardContent>
        {ordered.length === 0 ? (
          <p className="text-sm text-slate-500">No delivery attempts yet.</p>
        ) : (
          <ol className="flex flex-col gap-4 border-l border-slate-200 pl-4">
            {ordered.map((attempt) => (
              <li key={attempt.id} className="flex flex-col gap-1.5">
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-medium text-slate-900">Attempt {attempt.attempt}</span>
                  <Badge tone={outcomeTone(attempt.outcome)}>{attempt.outcome}</Badge>
                  {attempt.kind !== 'attempt' ? <Badge>{attempt.kind}</Badge> : null}
                  {attempt.response_code !== null ? (
                    <span className="text-xs text-slate-600">code {attempt.response_code}</span>
                  ) : null}
                  {attempt.duration_ms !== null ? (
                    <span className="text-xs text-slate-500">{attempt.duration_ms} ms</span>
                  ) : null}
                  <span className="text-xs text-slate-500">
                    <DateTime value={attempt.started_at} />
                  </span>
                </div>
                {attempt.provider_message_id ? (
                  <p className="text-xs text-slate-600">
                    Provider message id{' '}
                    <span className="break-all font-mono text-slate-900">{attempt.provider_message_id}</span>
                  </p>
                ) : null}
                {attempt.error ? <p className="text-sm text-red-700">{attempt.error}</p> : null}
                <Summary label="Request" value={attempt.request} />
                <Summary label="Response" value={attempt.response} />
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
