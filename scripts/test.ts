/**
 * `npm test`: lint + format check, type check, Vitest (unit and integration on real PostgreSQL), the
 * fault-injection suite (test/faults, its own services) and Playwright e2e in Debian's Chromium. Without
 * TEST_DATABASE_URL it starts an embedded PostgreSQL for the run. Ends with one summary line; under CI=true a
 * skipped test counts as a failure.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { createDatabase, dropDatabase, randomDatabaseName } from '../test/support/test-database';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const say = (line: string) => process.stdout.write(`\n[test] ${line}\n`);
const workDir = path.join(root, '.test-data');
const ci = process.env.CI === 'true' || process.env.CI === '1';

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function chromiumPath(): string {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(candidate)) {
    process.stderr.write(
      `No Chromium at ${candidate}: the e2e tests drive the system's Chromium (never a downloaded one).\n` +
        'Install it with `sudo apt-get install chromium` (Debian/Ubuntu) or point CHROMIUM_PATH at a Chromium/Chrome binary.\n',
    );
    process.exit(1);
  }
  return candidate;
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function vitestCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: r.numPassedTests,
    // A file that failed to load has no failed test but a failed suite: count that once, not each test twice.
    failed: r.numFailedTests || (r.numFailedTestSuites > 0 ? 1 : 0),
    skipped: r.numPendingTests + r.numTodoTests,
  };
}

function playwrightCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const { stats, errors } = JSON.parse(readFileSync(file, 'utf8'));
  // Errors outside tests (web server did not start, config error) count as failures too.
  return {
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected + (errors?.length ?? 0),
    skipped: stats.skipped,
  };
}

/**
 * The Kafka trigger tests need a real broker: use KAFKA_BROKERS when it answers, else start the project's dev
 * broker (scripts/kafka.sh: Apache Kafka from Maven Central on this machine's Java) and stop it afterwards.
 */
async function ensureKafka(): Promise<() => Promise<void>> {
  const [host, port] = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')[0]!.split(':');
  const answers = await new Promise<boolean>((resolve) => {
    const socket = connect({ host, port: Number(port) }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
  if (answers) return async () => {};
  say(
    'no Kafka broker on 127.0.0.1:9092: starting the dev broker (scripts/kafka.sh; needs Java 17+ and Maven)',
  );
  if ((await run('bash', ['scripts/kafka.sh', 'start'])) !== 0) {
    process.stderr.write(
      'Could not start the Kafka dev broker; the Kafka trigger tests need one (see README).\n',
    );
    process.exit(1);
  }
  return async () => {
    await run('bash', ['scripts/kafka.sh', 'stop']);
  };
}

/** A runner that exited non-zero failed, even if its report counted no failed test. */
function atLeastOneFailure(counts: Counts, exitCode: number): Counts {
  return exitCode !== 0 && counts.failed === 0 ? { ...counts, failed: 1 } : counts;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  // `npm run test:e2e -- e2e/x.spec.ts` / `npm run test:unit -- test/x.test.ts`: run only those files.
  const selected = process.argv.slice(3);
  const browser = only === 'unit' ? undefined : chromiumPath();
  mkdirSync(workDir, { recursive: true });

  if (!only) {
    say('biome check (format + lint)');
    if ((await run(bin('biome'), ['check', '.'])) !== 0) process.exit(1);
    say('tsc --noEmit');
    if ((await run(bin('tsc'), ['--noEmit', '-p', '.'])) !== 0) process.exit(1);
  }

  // Integration tests and the e2e trigger spec both consume from a real broker.
  const stopKafka = await ensureKafka();

  let serverUrl = process.env.TEST_DATABASE_URL;
  let stopServer = async () => {};
  if (!serverUrl) {
    say('TEST_DATABASE_URL is not set: starting an embedded PostgreSQL for this run');
    const embedded = await startEmbeddedPostgres(
      workDir,
      Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54339),
      (l) => say(l),
    );
    serverUrl = embedded.url;
    stopServer = embedded.stop;
  }

  const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
  const add = (c: Counts) => {
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
  };
  try {
    if (only !== 'e2e') {
      say('vitest (unit + integration)');
      const report = path.join(workDir, 'vitest.json');
      rmSync(report, { force: true });
      await run(
        bin('vitest'),
        ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...selected],
        { TEST_DATABASE_URL: serverUrl },
      );
      add(vitestCounts(report));
    }
    if (!only) {
      // Its own PostgreSQL, Kafka broker and RabbitMQ vhost (test/faults/global-setup.ts); about ten minutes.
      say('vitest (fault injection: test/faults, docs/reliability.md)');
      const report = path.join(workDir, 'vitest-faults.json');
      rmSync(report, { force: true });
      const code = await run(bin('vitest'), [
        'run',
        '-c',
        'vitest.faults.config.ts',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
      ]);
      add(atLeastOneFailure(vitestCounts(report), code));
    }
    if (only !== 'unit' && browser) {
      say('playwright (e2e in Chromium)');
      const database = randomDatabaseName('sb_e2e');
      const e2eUrl = await createDatabase(serverUrl, database);
      const report = path.join(workDir, 'playwright.json');
      const dataDir = path.join(workDir, `e2e-${database}`);
      rmSync(report, { force: true });
      let code = 1;
      try {
        code = await run(bin('playwright'), ['test', ...selected], {
          E2E_DATABASE_URL: e2eUrl,
          E2E_DATA_DIR: dataDir,
          CHROMIUM_PATH: browser,
          PLAYWRIGHT_JSON_OUTPUT_NAME: report,
        });
      } finally {
        await dropDatabase(serverUrl, database).catch(() => {});
        rmSync(dataDir, { recursive: true, force: true });
      }
      add(atLeastOneFailure(playwrightCounts(report), code));
    }
  } finally {
    await stopServer();
    await stopKafka();
  }

  const skippedFails = ci && totals.skipped > 0;
  if (skippedFails)
    say(
      `CI=true and ${totals.skipped} test(s) were skipped: a skipped integration or e2e test is a failure in CI.`,
    );
  process.stdout.write(
    `\nsummary: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
  );
  process.exit(totals.failed > 0 || skippedFails || totals.passed === 0 ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`npm test failed to run: ${(error as Error).stack}\n`);
  process.exit(1);
});
