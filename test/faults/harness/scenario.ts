import { uniq } from '../../support/factories';
import { backlog } from './checks-sql';
import { startInFlightSampler } from './in-flight';
import { checkInvariants, type InvariantReport } from './invariants';
import { startLoad } from './load';
import { sleep } from './ports';
import { recordResult } from './results';
import type { Stack } from './stack';

export interface FaultWindow {
  /** When the fault began and when it ended (the service back, the process restarted, the storm over). */
  start: number;
  end: number;
}

export interface Scenario {
  order: number;
  fault: string;
  /** Events per second in total over REST, Kafka and RabbitMQ. */
  perSecond?: number;
  /** The load runs this long in all, and at least 8 s past the fault's end. */
  loadSeconds: number;
  faultAfterSeconds: number;
  inject(stack: Stack): Promise<FaultWindow>;
  /** How long to wait for the backlog to drain after the load stopped. */
  drainSeconds?: number;
}

export interface ScenarioOutcome extends InvariantReport {
  window: FaultWindow;
  recoverySeconds: number | null;
  acceptedAfterFault: Record<string, number>;
}

/** Polls from the fault's end until every event accepted before it is stored and all its messages settled. */
function measureRecovery(stack: Stack, prefix: string, window: FaultWindow, limitMs: number) {
  const before = stack.collector.accepted.filter((a) => a.acceptedAt <= window.end);
  const uids = new Set(before.map((a) => a.uid));
  const expected = before.reduce((n, a) => n + a.recipients, 0);
  let cancelled = false;
  const result = (async () => {
    while (!cancelled && Date.now() < window.end + limitMs) {
      try {
        const b = await backlog(stack.pool, prefix, uids, expected);
        if (b.missingEvents === 0 && b.unsettled === 0) return (Date.now() - window.end) / 1000;
      } catch {
        // not reachable yet
      }
      await sleep(250);
    }
    return null;
  })();
  return {
    result,
    cancel: () => {
      cancelled = true;
    },
  };
}

/**
 * Steady load, the fault, the load on past it, a drain, then the invariant check (harness/invariants.ts). The
 * row goes to the reliability table whatever the outcome.
 */
export async function runScenario(stack: Stack, scenario: Scenario): Promise<ScenarioOutcome> {
  const prefix = `f${scenario.order}-${uniq()}`;
  stack.collector.accepted = [];
  stack.collector.rejected = [];
  const sampler = startInFlightSampler(stack.pool);
  const started = Date.now();
  const load = startLoad(prefix, scenario.perSecond ?? 30, stack.sources, stack.collector);
  let window: FaultWindow;
  try {
    await sleep(scenario.faultAfterSeconds * 1000);
    window = await scenario.inject(stack);
  } catch (error) {
    await load.stop(5_000);
    await sampler.stop();
    throw error;
  }
  const recovery = measureRecovery(stack, prefix, window, 150_000);
  const until = Math.max(started + scenario.loadSeconds * 1000, window.end + 8_000);
  await sleep(until - Date.now());
  const result = await load.stop(30_000);

  const all = new Set(result.accepted.map((a) => a.uid));
  const expected = result.accepted.reduce((n, a) => n + a.recipients, 0);
  const drainUntil = Date.now() + (scenario.drainSeconds ?? 90) * 1000;
  while (Date.now() < drainUntil) {
    const b = await backlog(stack.pool, prefix, all, expected).catch(() => undefined);
    if (b && b.missingEvents === 0 && b.unsettled === 0) break;
    await sleep(500);
  }
  const recoverySeconds = await Promise.race([recovery.result, sleep(1000).then(() => null)]);
  recovery.cancel();
  await sampler.stop();
  const inFlight = sampler.inFlight(window.start, window.end);
  const report = await checkInvariants(stack.pool, prefix, result.accepted, stack.sink.ledger(), inFlight);

  const bySource = (source: string) => result.accepted.filter((a) => a.source === source).length;
  const acceptedAfterFault: Record<string, number> = {};
  for (const a of result.accepted)
    if (a.acceptedAt > window.end) acceptedAfterFault[a.source] = (acceptedAfterFault[a.source] ?? 0) + 1;
  const sources = ['api', 'kafka', 'rabbitmq'] as const;
  for (const s of sources)
    if (!acceptedAfterFault[s]) report.problems.push(`${s} accepted no event after the fault ended`);
  if (recoverySeconds === null) report.problems.push('the backlog from before the fault never drained');
  // A refusal (4xx other than 409/429) of a well-formed event is a defect; giving up after retries is not.
  const refused = result.rejected.filter((r) => r.why.startsWith('HTTP 4'));
  if (refused.length)
    report.problems.push(
      `REST refused ${refused.length} events, e.g. ${refused[0]!.uid}: ${refused[0]!.why}`,
    );

  recordResult({
    order: scenario.order,
    fault: scenario.fault,
    load: `${result.rate.toFixed(0)}/s for ${result.seconds.toFixed(0)} s: ${result.accepted.length} of ${result.offered} (REST ${bySource('api')}, Kafka ${bySource('kafka')}, RabbitMQ ${bySource('rabbitmq')})`,
    accepted: result.accepted.length,
    messages: report.messages,
    lost: report.lost,
    repeats: report.repeats,
    inFlight: report.inFlight,
    recoverySeconds,
    statuses: report.statuses,
    passed: report.problems.length === 0,
    problems: report.problems,
    at: new Date().toISOString(),
  });
  const rejected: Record<string, number> = {};
  for (const r of result.rejected) {
    const why = r.why.replace(/\d+/g, 'n').slice(0, 80);
    rejected[why] = (rejected[why] ?? 0) + 1;
  }
  process.stdout.write(
    `[faults] ${scenario.fault}: ${JSON.stringify({ ...report, recoverySeconds, rejected, window: { start: new Date(window.start).toISOString(), seconds: (window.end - window.start) / 1000 } })}\n`,
  );
  return { ...report, window, recoverySeconds, acceptedAfterFault };
}
