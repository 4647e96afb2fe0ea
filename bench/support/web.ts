import path from 'node:path';
import { buildIsStale as isStale } from '../../scripts/build-state';
import { freePort } from '../../test/support/free-port';
import { ROOT } from './paths';
import { type Child, exited, spawnNode } from './processes';

const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');
/** Whether the console's build is missing or older than its sources (as scripts/start.ts decides). */
export const buildIsStale = () => isStale(ROOT);

/** `next build`, as the supervisor does before `next start` when the build is missing or stale. */
export async function buildWeb(env: NodeJS.ProcessEnv): Promise<void> {
  process.stderr.write(
    'bench: building the console (next build; the build is missing or older than the sources)…\n',
  );
  const build = spawnNode('next-build', [NEXT_BIN, 'build'], { ...env, NODE_ENV: 'production' });
  await exited(build.process);
  await build.stop();
  if (build.process.exitCode !== 0) throw new Error(`next build failed; see ${build.logFile}`);
}

/** The Next.js production server with the environment scripts/start.ts gives it; resolves once it answers. */
export async function startWeb(env: NodeJS.ProcessEnv): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_WEB_FLAGS: node flags for the web process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof-web".
  const flags = process.env.BENCH_WEB_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = spawnNode('web', [...flags, NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    ...env,
    NODE_ENV: 'production',
    NEXTAUTH_URL: url,
    PORT: String(port),
    SWITCHBOARD_PROCESS: 'web',
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`next start exited; see ${child.logFile}`);
    try {
      if ((await fetch(`${url}/api/health?probe=live`)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not answer within 120 s; see ${child.logFile}`);
}
