import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { prettifyLines } from '../lib/logger-pretty';
import { ROOT, spawnTs } from './support/processes';

/** `npm run worker` (or `npm run dev -- --only worker`) until the worker says it started; then stopped. */
async function supervisorOutput(args: string[]): Promise<string> {
  const child = spawnTs('scripts/start.ts', args, { WORKER_HEARTBEAT_SECONDS: '1', LOG_LEVEL: 'info' });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const deadline = Date.now() + 45_000;
    while (!output.includes('worker started') && Date.now() < deadline && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain('worker started');
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  return output;
}

/** Runs `code` (ESM; `logger` and `withLogFields` in scope) in a real process and returns its log lines. */
function logInChild(code: string): { stdout: string; lines: Record<string, unknown>[] } {
  const logger = pathToFileURL(path.join(ROOT, 'lib/logger.ts')).href;
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const { logger, withLogFields } = await import(${JSON.stringify(logger)});\n${code}`,
    ],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'info' }, encoding: 'utf8' },
  );
  expect(result.status, result.stderr).toBe(0);
  const lines = result.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { stdout: result.stdout + result.stderr, lines };
}

describe('logs', () => {
  it('never writes a secret of a config, a credential field or an SDK error, at any of the usual depths', () => {
    const secret = `s3cr3t-${Math.random().toString(36).slice(2)}`;
    const { stdout, lines } = logInChild(`
      const secret = ${JSON.stringify(secret)};
      logger.info({ config: { url: 'https://x.test', auth: { type: 'bearer', token: secret } } }, 'top-level config');
      logger.warn({ channel: { id: 'c1', config: { api_key: secret } } }, 'nested config');
      logger.error({ err: { message: 'boom', config: { headers: { Authorization: 'Bearer ' + secret } } } }, 'sdk error');
      logger.info({ request: { headers: { authorization: 'Bearer ' + secret, cookie: secret } } }, 'headers');
      logger.info({ password: secret, provider: { signing_secret: secret, accessToken: secret } }, 'fields');
    `);
    expect(lines.map((l) => l.msg)).toEqual([
      'top-level config',
      'nested config',
      'sdk error',
      'headers',
      'fields',
    ]);
    expect(stdout).not.toContain(secret);
    expect(lines[0]!.config).toBe('[redacted]');
    expect(lines[1]!.channel).toEqual({ id: 'c1', config: '[redacted]' });
    expect(lines[4]!.password).toBe('[redacted]');
  });

  it('adds the ids of the current delivery to every line written inside withLogFields, however deep', () => {
    const { lines } = logInChild(`
      await withLogFields({ requestId: 'req-1', eventId: 'ev-1', runId: 'run-1', messageId: 'm-1', channelId: 'ch-1' },
        async () => { await new Promise((r) => setTimeout(r, 5)); logger.warn({ provider: 'webhook' }, 'inside'); });
      logger.info('outside');
    `);
    expect(lines[0]).toMatchObject({
      msg: 'inside',
      provider: 'webhook',
      requestId: 'req-1',
      eventId: 'ev-1',
      runId: 'run-1',
      messageId: 'm-1',
      channelId: 'ch-1',
    });
    expect(lines[1]!.msg).toBe('outside');
    expect(lines[1]).not.toHaveProperty('messageId');
  });

  it('the supervisor shows text logs with --dev and JSON lines without it', async () => {
    const dev = await supervisorOutput(['--dev', '--only', 'worker']);
    expect(dev).toMatch(/INFO.*worker started/);
    expect(dev).not.toContain('"msg":"worker started"');
    const production = await supervisorOutput(['--only', 'worker']);
    const started = production
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string; workerId?: string })
      .find((l) => l.msg === 'worker started');
    expect(started).toMatchObject({ level: 30, workerId: expect.any(String) });
  }, 120_000);

  it('npm run dev shows JSON log lines as text and passes other output through', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d) => (text += d));
    prettifyLines(input, output);
    input.end(
      `${JSON.stringify({ level: 40, time: Date.now(), msg: 'delivery retrying', messageId: 'm-1' })}\n▲ Next.js ready\n`,
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(text).toMatch(/WARN.*delivery retrying/);
    expect(text).toContain('messageId: "m-1"');
    expect(text).toContain('▲ Next.js ready\n');
    expect(text).not.toContain('"level":40');
  });
});
