import type pg from 'pg';
import { eventsOf, type MessageRow, messagesOf, scheduled, settled } from './checks-sql';
import type { Accepted } from './load-sources';
import type { SinkLedger } from './sink';

export interface InvariantReport {
  accepted: number;
  events: number;
  messages: number;
  /** Accepted events missing from the database, plus expected messages missing or never settled. */
  lost: number;
  /** Deliveries the sink accepted (2xx) beyond the first, per message id, summed. */
  repeats: number;
  inFlight: number;
  statuses: Record<string, number>;
  problems: string[];
}

const firstFew = (items: string[]) =>
  items.length > 5 ? `${items.slice(0, 5).join(', ')} … (${items.length})` : items.join(', ');

/**
 * The one check every scenario ends with:
 *  1. every accepted event is stored exactly once (REST and RabbitMQ by uid, which is their dedupe key; Kafka by
 *     the acknowledged record's topic/partition/offset) and no event of the scenario is invalid;
 *  2. every event of the scenario has one run and exactly its expected messages (one per recipient);
 *  3. every message is delivered, dead or failed with a reason, or scheduled for a retry;
 *  4. the sink saw every message id, and accepted every delivered one;
 *  5. repeats (2xx answers beyond the first for one message id) never exceed the messages in flight at the fault.
 */
export async function checkInvariants(
  pool: pg.Pool,
  prefix: string,
  accepted: Accepted[],
  ledger: SinkLedger,
  inFlight: Set<string>,
): Promise<InvariantReport> {
  const problems: string[] = [];
  const events = await eventsOf(pool, prefix);
  const messages = await messagesOf(pool, prefix);

  // 1. accepted → stored exactly once
  const byUid = new Map<string, typeof events>();
  for (const e of events) byUid.set(e.uid, [...(byUid.get(e.uid) ?? []), e]);
  const bySourceId = new Map(events.map((e) => [`${e.source}:${e.source_id}`, e]));
  const missing: string[] = [];
  const doubled: string[] = [];
  for (const a of accepted) {
    if (a.source === 'kafka') {
      const e = bySourceId.get(`kafka:${a.sourceId}`);
      if (!e || e.uid !== a.uid) missing.push(`${a.uid}@${a.sourceId}`);
      continue;
    }
    const stored = (byUid.get(a.uid) ?? []).filter((e) => e.source === a.source);
    if (stored.length === 0) missing.push(a.uid);
    if (stored.length > 1) doubled.push(a.uid);
  }
  // Kafka records are distinct records even when the producer wrote one twice: each is one event.
  if (missing.length) problems.push(`accepted events not stored: ${firstFew(missing)}`);
  if (doubled.length) problems.push(`accepted events stored more than once: ${firstFew(doubled)}`);
  const invalid = events.filter((e) => e.status !== 'accepted');
  if (invalid.length) problems.push(`invalid events: ${firstFew(invalid.map((e) => e.uid))}`);

  // 2. one run and exactly the expected messages per event
  const messagesByEvent = new Map<string, MessageRow[]>();
  for (const m of messages) messagesByEvent.set(m.event_id, [...(messagesByEvent.get(m.event_id) ?? []), m]);
  const wrongRuns = events.filter((e) => e.runs !== 1).map((e) => `${e.uid} (${e.runs} runs)`);
  if (wrongRuns.length) problems.push(`events without exactly one run: ${firstFew(wrongRuns)}`);
  let missingMessages = 0;
  const wrongMessages: string[] = [];
  for (const e of events) {
    const expected = [...(e.recipients ?? [])].sort();
    const got = (messagesByEvent.get(e.id) ?? []).map((m) => m.recipient).sort();
    if (got.join(',') !== expected.join(',')) {
      wrongMessages.push(`${e.uid}: [${got}] for [${expected}]`);
      missingMessages += Math.max(0, expected.length - got.length);
    }
  }
  if (wrongMessages.length)
    problems.push(`events with other messages than expected: ${firstFew(wrongMessages)}`);

  // 3. every message settled (or scheduled)
  const unsettled = messages.filter((m) => !settled(m) && !scheduled(m));
  if (unsettled.length)
    problems.push(
      `messages neither delivered, dead/failed with a reason, nor scheduled: ${firstFew(unsettled.map((m) => `${m.id} ${m.status}${m.claimed_by ? ' claimed' : ''}`))}`,
    );
  const statuses: Record<string, number> = {};
  for (const m of messages) statuses[m.status] = (statuses[m.status] ?? 0) + 1;

  // 4. the sink saw every message id (a message still waiting for its first attempt excepted)
  const unseen = messages.filter((m) => m.attempt_count > 0 && !ledger.answers.has(m.id));
  const neverAttempted = messages.filter((m) => m.attempt_count === 0 && !scheduled(m));
  if (unseen.length) problems.push(`messages the sink never saw: ${firstFew(unseen.map((m) => m.id))}`);
  if (neverAttempted.length)
    problems.push(`messages never attempted: ${firstFew(neverAttempted.map((m) => m.id))}`);
  const deliveredUnaccepted = messages.filter(
    (m) => (m.status === 'sent' || m.status === 'delivered') && !ledger.accepted.has(m.id),
  );
  if (deliveredUnaccepted.length)
    problems.push(
      `messages marked delivered that the sink never accepted: ${firstFew(deliveredUnaccepted.map((m) => m.id))}`,
    );

  // 5. repeats within the messages in flight at the fault
  let repeats = 0;
  for (const m of messages) repeats += Math.max(0, (ledger.accepted.get(m.id) ?? 0) - 1);
  if (repeats > inFlight.size)
    problems.push(`${repeats} repeats exceed the ${inFlight.size} messages in flight at the fault`);

  const lost = missing.length + missingMessages + unsettled.length + unseen.length;
  return {
    accepted: accepted.length,
    events: events.length,
    messages: messages.length,
    lost,
    repeats,
    inFlight: inFlight.size,
    statuses,
    problems,
  };
}
