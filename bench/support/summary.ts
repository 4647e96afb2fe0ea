import type { BenchResults } from './results';
import { ratio } from './stats';
import { fmt, printTable } from './table';

type Goal = { at: 'least' | 'most'; value: number } | { at: 'zero' } | undefined;

interface Line {
  target: string;
  goal: Goal;
  measured: number | undefined;
  digits?: number;
}

function goalText(goal: Goal, digits: number): string {
  if (!goal) return '(for reference)';
  if (goal.at === 'zero') return '0';
  return `${goal.at === 'least' ? '≥' : '<'} ${fmt(goal.value, digits)}`;
}

function met(goal: Goal, measured: number | undefined): string {
  if (!goal || measured === undefined || !Number.isFinite(measured)) return '–';
  if (goal.at === 'zero') return measured === 0 ? 'yes' : 'no';
  return (goal.at === 'least' ? measured >= goal.value : measured < goal.value) ? 'yes' : 'no';
}

/** The targets the benchmark work is judged by, against this run's numbers. */
export function printSummary(results: BenchResults[]): void {
  const kafka = results
    .filter((r) => r.bench === 'kafka')
    .sort((a, b) => (a.workers ?? 1) - (b.workers ?? 1));
  const one = kafka[0]?.metrics;
  const two = kafka.find((r) => (r.workers ?? 1) >= 2);
  const http = results.find((r) => r.bench === 'http')?.metrics;
  const drain = results.find((r) => r.bench === 'drain')?.metrics;
  const pgboss = one?.pgbossPerSecond ?? results.find((r) => r.bench === 'pgboss')?.metrics.pgbossPerSecond;
  const n = (v: number | null | undefined) => (v === null || v === undefined ? undefined : v);
  const lines: Line[] = [
    {
      target: `Kafka burst of ${fmt(one?.events)}: deliveries/s`,
      goal: { at: 'least', value: 3000 },
      measured: n(one?.deliveriesPerSecond),
    },
    {
      target: 'Kafka burst: peak worker RSS (MiB)',
      goal: { at: 'most', value: 256 },
      measured: n(one?.workerRssMiB),
    },
    {
      target: 'Kafka deliveries/s ÷ bare pg-boss jobs/s',
      goal: { at: 'least', value: 0.5 },
      measured: ratio(n(one?.deliveriesPerSecond), n(pgboss)),
      digits: 2,
    },
    {
      target: 'Kafka deliveries/s ÷ kafkajs consume-only',
      goal: undefined,
      measured: ratio(n(one?.deliveriesPerSecond), n(one?.consumeOnlyPerSecond)),
      digits: 2,
    },
    { target: 'Kafka event→delivery p99 (ms, burst)', goal: undefined, measured: n(one?.p99) },
    {
      target: 'delivery alone (drain of a backlog): deliveries/s',
      goal: undefined,
      measured: n(drain?.drainDeliveriesPerSecond),
    },
    {
      target: 'delivery alone ÷ bare pg-boss jobs/s',
      goal: undefined,
      measured: ratio(n(drain?.drainDeliveriesPerSecond), n(pgboss)),
      digits: 2,
    },
    { target: 'Kafka database bytes per 1,000 messages', goal: undefined, measured: n(one?.bytesPer1000) },
    {
      target: `Kafka, ${two?.workers ?? 2} workers: lost`,
      goal: { at: 'zero' },
      measured: n(two?.metrics.lost),
    },
    {
      target: `Kafka, ${two?.workers ?? 2} workers: repeated`,
      goal: { at: 'zero' },
      measured: n(two?.metrics.repeats),
    },
    {
      target: `Kafka, ${two?.workers ?? 2} workers ÷ 1 worker deliveries/s`,
      goal: { at: 'least', value: 1 },
      measured: ratio(n(two?.metrics.deliveriesPerSecond), n(one?.deliveriesPerSecond)),
      digits: 2,
    },
    {
      target: 'REST accepted events/s (burst)',
      goal: { at: 'least', value: 1500 },
      measured: n(http?.acceptedPerSecond),
    },
    { target: 'REST HTTP p99 (ms, burst)', goal: { at: 'most', value: 50 }, measured: n(http?.httpP99) },
    {
      target: 'REST deliveries/s ÷ accepted/s (keeping pace)',
      goal: { at: 'least', value: 0.9 },
      measured: ratio(n(http?.deliveriesPerSecond), n(http?.acceptedPerSecond)),
      digits: 2,
    },
    {
      target: 'REST accepted/s ÷ trivial route',
      goal: { at: 'least', value: 0.6 },
      measured: ratio(n(http?.acceptedPerSecond), n(http?.trivialPerSecond)),
      digits: 2,
    },
    {
      target: 'REST accepted/s ÷ bare node:http + INSERT',
      goal: undefined,
      measured: ratio(n(http?.acceptedPerSecond), n(http?.insertPerSecond)),
      digits: 2,
    },
    {
      target: 'REST deliveries/s ÷ sink alone',
      goal: undefined,
      measured: ratio(n(http?.deliveriesPerSecond), n(http?.sinkPerSecond)),
      digits: 2,
    },
    {
      target: `steady ${fmt(http?.rate)} events/s: event→delivery p50 (ms)`,
      goal: { at: 'most', value: 30 },
      measured: n(http?.rateP50),
    },
    {
      target: `steady ${fmt(http?.rate)} events/s: event→delivery p99 (ms)`,
      goal: { at: 'most', value: 250 },
      measured: n(http?.rateP99),
    },
    {
      target: 'lost / repeated, every run',
      goal: { at: 'zero' },
      measured: results.reduce((s, r) => s + (r.metrics.lost ?? 0) + (r.metrics.repeats ?? 0), 0),
    },
  ];
  printTable(
    'Summary: targets against this run',
    ['target', 'goal', 'measured', 'met'],
    lines.map((l) => [
      l.target,
      goalText(l.goal, l.digits ?? 0),
      fmt(l.measured, l.digits ?? 0),
      met(l.goal, l.measured),
    ]),
  );
}
