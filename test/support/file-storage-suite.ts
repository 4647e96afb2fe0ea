import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fileContent from '../../app/api/v1/files/[id]/content/route';
import * as fileItem from '../../app/api/v1/files/[id]/route';
import * as files from '../../app/api/v1/files/route';
import * as preview from '../../app/api/v1/workflows/[key]/preview/route';
import * as workflows from '../../app/api/v1/workflows/route';
import { db, schema } from '../../lib/db';
import { spoolDir } from '../../lib/files/spool';
import { configuredStorage, localStoragePath } from '../../lib/files/storage';
import { call, makeApiKey, uniq } from './factories';
import { elfBytes, filesUnder, pdfBytes, upload } from './files';
import {
  apiWorkflow,
  messagesOfWorkflow,
  postEvent,
  smtpChannel,
  startTestWorker,
  waitFor,
  webhookChannel,
} from './pipeline';
import { type SmtpSink, startSmtpSink } from './smtp-sink';

// biome-ignore lint/suspicious/noExplicitAny: assertions walk response JSON whose shape the test checks
type Json = Record<string, any>;

/**
 * The file storage behaviour both drivers must show, run by test/files.integration.test.ts (local disk) and
 * test/files-s3.integration.test.ts (s3rver). `storedObjects` lists what the driver holds (files on disk,
 * objects in the bucket); FILE_MAX_BYTES is set to `maxBytes` by the caller.
 */
export function fileStorageSuite(options: {
  driver: 'local' | 's3';
  maxBytes: number;
  storedObjects: () => Promise<string[]>;
}) {
  let key: string;
  let sink: SmtpSink;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;

  beforeAll(async () => {
    [sink, worker] = await Promise.all([startSmtpSink(), startTestWorker()]);
    key = (await makeApiKey('admin')).key;
  });
  afterAll(async () => {
    await worker?.stop();
    await sink?.close();
  });

  const fileRows = () => db().select().from(schema.files);
  /** Nothing half-written anywhere: no upload spool, no local temp file. */
  const leftovers = async () => [
    ...(await filesUnder(spoolDir())),
    ...(await filesUnder(`${localStoragePath()}/.tmp`)),
  ];

  describe(`file storage (${options.driver})`, () => {
    it('uploads a file, attaches it to a send step, and the mail at the SMTP server carries the same bytes', async () => {
      const bytes = pdfBytes(uniq());
      const filename = 'Rechnung März (Q1).pdf';
      const res = await upload(key, { bytes, filename, type: 'application/octet-stream' });
      const file = (await res.json()) as Json;
      expect(res.status, JSON.stringify(file)).toBe(201);
      expect(file).toMatchObject({
        filename,
        content_type: 'application/pdf',
        size: bytes.length,
        storage: options.driver,
      });
      expect((await options.storedObjects()).some((name) => name.endsWith(file.sha256))).toBe(true);
      expect(await leftovers()).toEqual([]);

      const channel = await smtpChannel(sink.port);
      const workflow = await apiWorkflow(`files.${options.driver}`, [
        {
          type: 'send',
          channel_id: channel.id,
          to: '{{ data.email }}',
          template: { subject: 'Your invoice', body: 'Attached.' },
          attachments: [{ file_id: file.id }],
        },
      ]);
      // Saved with the file's name and type, so the planner needs no query.
      expect(workflow.steps[0]).toMatchObject({
        attachments: [{ file_id: file.id, filename, content_type: 'application/pdf' }],
      });
      const before = sink.messages.length;
      expect(
        (await postEvent({ event_type: `files.${options.driver}`, data: { email: 'ann@example.test' } }))
          .status,
      ).toBe(202);
      const mails = await sink.waitForMessages(before + 1);
      const mail = mails.at(-1)!;
      expect(mail.subject).toBe('Your invoice');
      expect(mail.attachments).toHaveLength(1);
      const [attachment] = mail.attachments;
      expect(attachment!.filename).toBe(filename);
      expect(attachment!.contentType).toBe('application/pdf');
      expect(Buffer.compare(attachment!.content, bytes)).toBe(0);
      const [message] = await messagesOfWorkflow(workflow.id);
      expect(message!.content).toEqual({
        attachments: [{ file_id: file.id, filename, content_type: 'application/pdf' }],
      });

      // Referenced by a workflow: the file cannot be deleted.
      const refused = await call(fileItem.DELETE, { method: 'DELETE', key, params: { id: file.id } });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as Json).detail).toContain(workflow.key);
    });

    it('downloads identical bytes with the stored type, an attachment disposition and nosniff', async () => {
      const bytes = pdfBytes(uniq());
      const file = (await (
        await upload(key, { bytes, filename: '../../etc/report.pdf', type: 'application/pdf' })
      ).json()) as Json;
      expect(file.filename).toBe('report.pdf');
      const res = await call(fileContent.GET, { key, params: { id: file.id } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
      );
      expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), bytes)).toBe(0);

      const meta = await call(fileItem.GET, { key, params: { id: file.id } });
      expect(await meta.json()).toEqual(file);
      const missing = await call(fileItem.GET, {
        key,
        params: { id: '00000000-0000-4000-8000-000000000000' },
      });
      expect(missing.status).toBe(404);
    });

    it('stores the same bytes once: a second upload answers 200 with the same file', async () => {
      const bytes = pdfBytes(uniq());
      const first = await upload(key, { bytes, filename: 'a.pdf', type: 'application/pdf' });
      const second = await upload(key, { bytes, filename: 'b.pdf', type: 'application/pdf' });
      expect([first.status, second.status]).toEqual([201, 200]);
      const [a, b] = (await Promise.all([first.json(), second.json()])) as Json[];
      expect(b!.id).toBe(a!.id);
      const rows = await db().select().from(schema.files).where(eq(schema.files.sha256, a!.sha256));
      expect(rows).toHaveLength(1);
      const stored = (await options.storedObjects()).filter((name) => name.includes(a!.sha256));
      expect(stored).toHaveLength(1);
    });

    it('refuses an oversized upload with 413 and stores nothing', async () => {
      const [rowsBefore, objectsBefore] = await Promise.all([fileRows(), options.storedObjects()]);
      const bytes = Buffer.concat([pdfBytes(uniq()), Buffer.alloc(options.maxBytes)]);
      const res = await upload(key, { bytes, filename: 'big.pdf', type: 'application/pdf' });
      expect(res.status).toBe(413);
      expect(((await res.json()) as Json).detail).toContain(`${options.maxBytes} bytes`);
      // Exactly at the limit is fine.
      const limit = Buffer.concat([pdfBytes('edge'), Buffer.alloc(options.maxBytes)]).subarray(
        0,
        options.maxBytes,
      );
      expect(
        (await upload(key, { bytes: limit, filename: 'edge.pdf', type: 'application/pdf' })).status,
      ).toBe(201);
      // A declared length past the limit is refused before the body is read.
      const declared = await upload(
        key,
        { bytes: pdfBytes(), filename: 'x.pdf', type: 'application/pdf' },
        {
          'content-length': String(options.maxBytes * 10),
        },
      );
      expect(declared.status).toBe(413);
      const [rowsAfter, objectsAfter] = await Promise.all([fileRows(), options.storedObjects()]);
      expect(rowsAfter).toHaveLength(rowsBefore.length + 1);
      expect(objectsAfter).toHaveLength(objectsBefore.length + 1);
      expect(rowsAfter.some((row) => row.filename === 'big.pdf')).toBe(false);
      expect(await leftovers()).toEqual([]);
    });

    it('refuses disallowed types with 415 and stores nothing: an executable, HTML disguised as a PNG', async () => {
      const [rowsBefore, objectsBefore] = await Promise.all([fileRows(), options.storedObjects()]);
      const elf = await upload(key, { bytes: elfBytes(), filename: 'invoice.pdf', type: 'application/pdf' });
      expect(elf.status).toBe(415);
      expect(((await elf.json()) as Json).detail).toContain('application/x-elf');
      const html = Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>');
      const png = await upload(key, { bytes: html, filename: 'cat.png', type: 'image/png' });
      expect(png.status).toBe(415);
      expect(((await png.json()) as Json).detail).toContain('declared image/png');
      // Text is accepted only as valid UTF-8 without NULs, declared (or named) as text.
      const text = await upload(key, {
        bytes: Buffer.from(`name,qty\nÄpfel,3\n${uniq()}\n`),
        filename: 'list.csv',
        type: 'application/octet-stream',
      });
      expect(text.status).toBe(201);
      expect(((await text.json()) as Json).content_type).toBe('text/csv');
      const binary = await upload(key, {
        bytes: Buffer.from([0x61, 0x00, 0x62]),
        filename: 'n.txt',
        type: 'text/plain',
      });
      expect(binary.status).toBe(415);
      const [rowsAfter, objectsAfter] = await Promise.all([fileRows(), options.storedObjects()]);
      expect(rowsAfter).toHaveLength(rowsBefore.length + 1);
      expect(objectsAfter).toHaveLength(objectsBefore.length + 1);
      expect(await leftovers()).toEqual([]);
    });

    it('answers a non-multipart body with 415 and a body without a file with 422', async () => {
      const json = await call(files.POST, {
        method: 'POST',
        key,
        path: '/api/v1/files',
        body: { file: 'x' },
      });
      expect(json.status).toBe(415);
      expect(((await json.json()) as Json).detail).toContain('application/json');
      const none = await upload(key, {
        bytes: pdfBytes(),
        filename: 'x.pdf',
        type: 'application/pdf',
        field: 'other',
      });
      expect(none.status).toBe(422);
      expect(((await none.json()) as Json).errors).toEqual([
        { path: 'body.file', message: 'the multipart body has no "file" field' },
      ]);
    });

    it('refuses a workflow naming a file that does not exist, naming the field', async () => {
      const channel = await smtpChannel(sink.port);
      const missing = '00000000-0000-4000-8000-00000000abcd';
      const res = await call(workflows.POST, {
        method: 'POST',
        key,
        body: {
          key: `wf-${uniq()}`,
          name: 'Missing file',
          steps: [
            { type: 'delay', seconds: 1 },
            {
              type: 'send',
              channel_id: channel.id,
              to: 'a@example.test',
              template: { body: 'x' },
              attachments: [{ file_id: missing }],
            },
          ],
        },
      });
      expect(res.status).toBe(422);
      expect(((await res.json()) as Json).errors).toEqual([
        { path: 'body.steps.1.attachments.0.file_id', message: `no file with id ${missing}` },
      ]);
    });

    it('refuses a send step whose attachments total more than 20 MiB', async () => {
      const channel = await smtpChannel(sink.port);
      // Rows only: saving a workflow reads sizes, not bytes.
      const big = await db()
        .insert(schema.files)
        .values(
          [1, 2].map((n) => ({
            sha256: `${uniq()}${n}`.padEnd(64, '0'),
            size: 11 * 1024 * 1024,
            contentType: 'application/pdf',
            filename: `big-${n}.pdf`,
            storage: options.driver,
          })),
        )
        .returning();
      const res = await call(workflows.POST, {
        method: 'POST',
        key,
        body: {
          key: `wf-${uniq()}`,
          name: 'Too much',
          steps: [
            {
              type: 'send',
              channel_id: channel.id,
              to: 'a@example.test',
              template: { body: 'x' },
              attachments: big.map((row) => ({ file_id: row.id })),
            },
          ],
        },
      });
      expect(res.status).toBe(422);
      expect(((await res.json()) as Json).errors).toEqual([
        {
          path: 'body.steps.0.attachments',
          message: `the attached files total ${22 * 1024 * 1024} bytes; a message may carry at most ${20 * 1024 * 1024} (20 MiB)`,
        },
      ]);
      await db()
        .delete(schema.files)
        .where(
          inArray(
            schema.files.id,
            big.map((row) => row.id),
          ),
        );
    });

    it('previews attachments, saying a non-e-mail channel ignores them', async () => {
      const file = (await (
        await upload(key, { bytes: pdfBytes(uniq()), filename: 'p.pdf', type: 'application/pdf' })
      ).json()) as Json;
      const hook = await webhookChannel('http://127.0.0.1:9/hook');
      const mail = await smtpChannel(sink.port);
      const attachments = [{ file_id: file.id }];
      const workflow = await apiWorkflow(`files.preview.${uniq()}`, [
        { type: 'send', channel_id: hook.id, template: { body: '{}' }, attachments },
        { type: 'send', channel_id: mail.id, to: 'a@example.test', template: { body: 'x' }, attachments },
      ]);
      const res = await call(preview.POST, {
        method: 'POST',
        key,
        params: { key: workflow.key },
        body: { data: {} },
      });
      const { steps } = (await res.json()) as Json;
      const described = [{ file_id: file.id, filename: 'p.pdf', content_type: 'application/pdf' }];
      expect(steps[0]).toMatchObject({
        attachments: described,
        attachments_note: 'ignored: webhook channels do not deliver attachments',
      });
      expect(steps[1]).toMatchObject({ attachments: described });
      expect(steps[1].attachments_note).toBeUndefined();
    });

    it('fails a message whose attachment is gone from storage for good, naming the file', async () => {
      const file = (await (
        await upload(key, { bytes: pdfBytes(uniq()), filename: 'lost.pdf', type: 'application/pdf' })
      ).json()) as Json;
      const channel = await smtpChannel(sink.port);
      const workflow = await apiWorkflow(`files.lost.${options.driver}`, [
        {
          type: 'send',
          channel_id: channel.id,
          to: 'ann@example.test',
          template: { body: 'x' },
          attachments: [{ file_id: file.id }],
        },
      ]);
      await configuredStorage().delete(file.sha256);
      await postEvent({ event_type: `files.lost.${options.driver}`, data: {} });
      const [failed] = await waitFor(
        async () => {
          const rows = await messagesOfWorkflow(workflow.id);
          return rows[0]?.status === 'failed' ? rows : undefined;
        },
        20_000,
        'the message to fail',
      );
      expect(failed!.lastError).toBe(`attachment file ${file.id} (lost.pdf) no longer exists`);
      expect(failed!.attemptCount).toBe(1);
    });

    it('lists files newest first with a cursor, and deletes an unreferenced file with its bytes', async () => {
      const made: Json[] = [];
      for (let i = 0; i < 3; i++)
        made.push(
          (await (
            await upload(key, { bytes: pdfBytes(uniq()), filename: `p${i}.pdf`, type: 'application/pdf' })
          ).json()) as Json,
        );
      const first = (await (await call(files.GET, { key, path: '/api/v1/files?limit=2' })).json()) as Json;
      expect(first.data.map((f: Json) => f.id)).toEqual([made[2]!.id, made[1]!.id]);
      const second = (await (
        await call(files.GET, { key, path: `/api/v1/files?limit=2&cursor=${first.next_cursor}` })
      ).json()) as Json;
      expect(second.data[0].id).toBe(made[0]!.id);

      const gone = made[0]!;
      const res = await call(fileItem.DELETE, { method: 'DELETE', key, params: { id: gone.id } });
      expect(res.status).toBe(204);
      expect(await fileRows().then((rows) => rows.some((row) => row.id === gone.id))).toBe(false);
      expect((await options.storedObjects()).some((name) => name.includes(gone.sha256))).toBe(false);
      const [entry] = await db()
        .select()
        .from(schema.auditLog)
        .where(eq(schema.auditLog.resourceId, gone.id))
        .orderBy(schema.auditLog.createdAt);
      expect(entry).toMatchObject({ action: 'file.upload', resourceType: 'file' });
      const actions = (
        await db().select().from(schema.auditLog).where(eq(schema.auditLog.resourceId, gone.id))
      )
        .map((e) => e.action)
        .sort();
      expect(actions).toEqual(['file.delete', 'file.upload']);
    });
  });
}
