import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What the console's production build is made from: a build older than any of these is stale. */
const SOURCES = [
  'app',
  'components',
  'lib',
  'drizzle/schema',
  'instrumentation.ts',
  'next.config.js',
  'package-lock.json',
  'postcss.config.mjs',
];

/** The newest modification time under a path (files and folders, recursively). */
function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(p).map((entry) => newestMtime(path.join(p, entry))));
}

/** Whether `.next` is missing or older than its sources (`npm start` and the HTTP benchmark build then). */
export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, '.next/BUILD_ID');
  if (!existsSync(buildId)) return true;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  return newest > statSync(buildId).mtimeMs;
}
