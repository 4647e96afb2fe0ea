import { counter, histogram } from './define';

// Labels are ids of configured things (triggers, channels) and fixed vocabularies; never a recipient,
// a message id or a URL, so the number of series stays bounded by the configuration.

const eventLabels = ['source', 'trigger_id'] as const;

const ingested = counter({
  name: 'switchboard_events_ingested_total',
  help: 'Events stored (valid and invalid), by source and trigger (empty for the REST API).',
  labelNames: eventLabels,
});
const invalid = counter({
  name: 'switchboard_events_invalid_total',
  help: 'Events stored as invalid (undecodable, or refused by the database), by source and trigger.',
  labelNames: eventLabels,
});
const duplicates = counter({
  name: 'switchboard_events_duplicate_total',
  help: 'Events skipped because their source id was stored before (redeliveries), by source and trigger.',
  labelNames: eventLabels,
});

const channelLabels = ['channel_id', 'provider'] as const;

const deliveries = counter({
  name: 'switchboard_deliveries_total',
  help: 'Delivery attempts settled, by channel, provider and outcome (sent, retrying, failed, dead).',
  labelNames: [...channelLabels, 'outcome'],
});
const retries = counter({
  name: 'switchboard_delivery_retries_total',
  help: 'Retries scheduled after a retryable failure, by channel and provider.',
  labelNames: channelLabels,
});
const deadLetters = counter({
  name: 'switchboard_dead_letters_total',
  help: 'Messages that used up their attempts and became dead letters, by channel and provider.',
  labelNames: channelLabels,
});
const rateLimited = counter({
  name: 'switchboard_rate_limit_waits_total',
  help: 'Messages held back by a rate limit and scheduled for when the window frees up, by channel.',
  labelNames: ['channel_id'],
});
const reports = counter({
  name: 'switchboard_delivery_reports_total',
  help: 'Final answers providers reported after a send (callback or poll), by channel and status (delivered, bounced, failed).',
  labelNames: ['channel_id', 'status'],
});
const eventToSent = histogram({
  name: 'switchboard_event_to_sent_seconds',
  help: 'Time from an event being received to a message it caused being sent, by channel and provider.',
  labelNames: channelLabels,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
});
const providerResponse = histogram({
  name: 'switchboard_provider_response_seconds',
  help: 'Time a provider took to answer one send (successful or not), by channel and provider.',
  labelNames: channelLabels,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

export interface IngestedEvent {
  source: string;
  triggerId: string | null;
  outcome: 'inserted' | 'duplicate';
  status: 'accepted' | 'invalid';
}

/** Counts events once their transaction has committed. */
export function recordEvents(events: IngestedEvent[]): void {
  for (const e of events) {
    const labels = { source: e.source, trigger_id: e.triggerId ?? '' };
    if (e.outcome === 'duplicate') {
      duplicates.inc(labels);
      continue;
    }
    ingested.inc(labels);
    if (e.status === 'invalid') invalid.inc(labels);
  }
}

export interface SettledDelivery {
  channelId: string | null;
  provider: string | null;
  outcome: 'sent' | 'retrying' | 'failed' | 'dead';
  /** How long the provider took; absent when no provider was called (channel missing or disabled). */
  providerSeconds?: number;
  /** From the event's arrival to this send; absent for runs without an event and for failures. */
  eventToSentSeconds?: number;
}

/** Counts settled deliveries once their settle transaction has committed. */
export function recordDeliveries(settled: SettledDelivery[]): void {
  for (const d of settled) {
    const labels = { channel_id: d.channelId ?? '', provider: d.provider ?? '' };
    deliveries.inc({ ...labels, outcome: d.outcome });
    if (d.outcome === 'retrying') retries.inc(labels);
    if (d.outcome === 'dead') deadLetters.inc(labels);
    if (d.providerSeconds !== undefined) providerResponse.observe(labels, d.providerSeconds);
    if (d.eventToSentSeconds !== undefined) eventToSent.observe(labels, d.eventToSentSeconds);
  }
}

export function recordRateLimitWaits(channelId: string | null, messages: number): void {
  if (messages > 0) rateLimited.inc({ channel_id: channelId ?? '' }, messages);
}

/** Counts what providers reported about sent messages (delivered, bounced, failed), once committed. */
export function recordProviderReports(moved: { channelId: string; status: string }[]): void {
  for (const r of moved) reports.inc({ channel_id: r.channelId, status: r.status });
}
