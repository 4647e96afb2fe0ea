import { vi } from 'vitest';
import { localStoragePath } from '../lib/files/storage';
import { fileStorageSuite } from './support/file-storage-suite';
import { filesUnder } from './support/files';

const MAX_BYTES = vi.hoisted(() => {
  const max = 64 * 1024;
  process.env.STORAGE_DRIVER = 'local';
  process.env.FILE_MAX_BYTES = String(max);
  return max;
});

fileStorageSuite({
  driver: 'local',
  maxBytes: MAX_BYTES,
  // The sharded layout ab/cd/<sha256>, temp files excluded.
  storedObjects: async () =>
    (await filesUnder(localStoragePath())).filter((name) =>
      /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(name),
    ),
});
