import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, vi } from 'vitest';
import { fileStorageSuite } from './support/file-storage-suite';

const BUCKET = 'switchboard-files';
const MAX_BYTES = 64 * 1024;

// s3rver (an S3-compatible server in this process, on a free port, in a temporary folder) is started before
// anything reads the environment, so S3_ENDPOINT can name its port.
const { s3rver, endpoint } = await vi.hoisted(async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const { default: S3rver } = await import('s3rver');
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: mkdtempSync(path.join(tmpdir(), 'switchboard-s3rver-')),
    configureBuckets: [{ name: 'switchboard-files' }],
  });
  const { port } = await server.run();
  const url = `http://127.0.0.1:${port}`;
  Object.assign(process.env, {
    STORAGE_DRIVER: 's3',
    S3_ENDPOINT: url,
    S3_BUCKET: 'switchboard-files',
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
    FILE_MAX_BYTES: String(64 * 1024),
  });
  return { s3rver: server, endpoint: url };
});

afterAll(() => s3rver.close());

const s3 = new S3Client({
  endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
});

fileStorageSuite({
  driver: 's3',
  maxBytes: MAX_BYTES,
  storedObjects: async () => {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    return (listed.Contents ?? []).map((object) => object.Key!).sort();
  },
});
