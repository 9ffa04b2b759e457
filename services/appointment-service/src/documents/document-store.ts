import type { Readable } from 'node:stream';
import { Client } from 'minio';

export interface DocumentStoreOptions {
  /** MinIO's base URL, e.g. http://127.0.0.1:9000. */
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
}

/** S3 error codes that mean the bucket is there, made by another replica starting at the same time. */
const BUCKET_EXISTS = new Set(['BucketAlreadyOwnedByYou', 'BucketAlreadyExists']);

/** The appointment PDFs' bucket in MinIO. */
export function documentStore({ endpoint, accessKey, secretKey, bucket }: DocumentStoreOptions) {
  const url = new URL(endpoint);
  const useSSL = url.protocol === 'https:';
  const client = new Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey,
    secretKey,
    // MinIO's default region; given, so signing a link asks the server nothing.
    region: 'us-east-1',
  });

  return {
    async ensureBucket(): Promise<void> {
      if (await client.bucketExists(bucket)) return;
      await client.makeBucket(bucket).catch((error: { code?: string }) => {
        if (!BUCKET_EXISTS.has(error.code ?? '')) throw error;
      });
    },

    async put(key: string, body: Buffer): Promise<void> {
      await client.putObject(bucket, key, body, body.length, { 'Content-Type': 'application/pdf' });
    },

    /** The object's bytes, streamed: the PDF links go through the gateway to appointment-service, never to MinIO. */
    open: (key: string): Promise<Readable> => client.getObject(bucket, key),

    /** The object's bytes, whole (a patient's export). */
    async read(key: string): Promise<Buffer> {
      const chunks: Buffer[] = [];
      for await (const chunk of await client.getObject(bucket, key)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },

    /** Deletes the objects; one already gone counts as deleted (S3 deletes are idempotent). */
    async remove(keys: readonly string[]): Promise<void> {
      if (keys.length > 0) await client.removeObjects(bucket, [...keys]);
    },

    /** For `/ready`: MinIO answers and the bucket is there. */
    async ping(): Promise<void> {
      if (!(await client.bucketExists(bucket))) throw new Error(`bucket ${bucket} is missing`);
    },
  };
}

export type DocumentStore = ReturnType<typeof documentStore>;
