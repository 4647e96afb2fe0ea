import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

const STALE_MS = 60 * 60_000;
let swept = false;

/**
 * A process killed mid-upload leaves its temporary file behind (never under a final name). The first upload
 * of each process removes such leftovers older than an hour from the temp folders; newer ones may belong to
 * uploads still running in another process.
 */
export async function sweepStaleTempFiles(dirs: string[], now = Date.now()): Promise<void> {
  if (swept) return;
  swept = true;
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => undefined);
      if (info?.isFile() && now - info.mtimeMs > STALE_MS) await rm(file, { force: true });
    }
  }
}
