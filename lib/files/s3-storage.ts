import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Env } from '../env';
import { FileMissingError, type FileStorage, shardedKey } from './storage-driver';

/**
 * Files in an S3-compatible bucket under `ab/cd/<sha256>` (AWS S3, MinIO, Ceph, R2, …). Without explicit keys the
 * SDK's default credential chain applies (instance role, AWS_* variables). Checksums are sent only when the
 * operation requires them: several S3-compatible servers reject the SDK's newer default trailing checksums.
 * The client's configuration (and so the credentials) is never logged.
 */
export class S3Storage implements FileStorage {
  readonly kind = 's3';

  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  static fromEnv(config: Env): S3Storage {
    if (!config.S3_BUCKET) throw new Error('S3 storage needs S3_BUCKET');
    const client = new S3Client({
      region: config.S3_REGION,
      ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      ...(config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? {
            credentials: {
              accessKeyId: config.S3_ACCESS_KEY_ID,
              secretAccessKey: config.S3_SECRET_ACCESS_KEY,
            },
          }
        : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
    return new S3Storage(client, config.S3_BUCKET);
  }

  async put(key: string, body: Readable | Buffer, size?: number): Promise<void> {
    const length = Buffer.isBuffer(body) ? body.length : size;
    if (length === undefined) throw new Error('S3 put of a stream needs its size');
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: shardedKey(key), Body: body, ContentLength: length }),
    );
  }

  async get(key: string): Promise<Readable> {
    try {
      const output = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: shardedKey(key) }),
      );
      if (!output.Body) throw new FileMissingError(key);
      return output.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new FileMissingError(key);
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: shardedKey(key) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: shardedKey(key) }));
  }
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}
