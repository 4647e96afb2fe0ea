import { env } from '../env';

/**
 * V8 flags for worker processes. The young generation is capped at 16 MiB per semi-space: left alone, V8 grows it
 * to 64 MiB on a machine with plenty of memory, which costs ~110 MiB of RSS at rest and bought no throughput in
 * the benchmark. The old generation is capped at WORKER_MAX_HEAP_MB, so V8 collects before the process grows
 * far past what it holds live (~60–100 MiB in a 20,000-event Kafka burst); raise it for very large events or
 * rendered messages (each fetch holds up to WORKER_BATCH_SIZE × 100 messages).
 */
export function workerNodeFlags(): string[] {
  return ['--max-semi-space-size=16', `--max-old-space-size=${env().WORKER_MAX_HEAP_MB}`];
}
