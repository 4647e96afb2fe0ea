import { expect, test } from '@playwright/test';
import { pdfBytes } from '../test/support/files';
import { type SmtpSink, startSmtpSink } from '../test/support/smtp-sink';
import { signInAsAdmin, uniqueName } from './support/session';

// Attachments from the workflow editor: upload a file into a send step, save, find it attached after a
// reload, and receive it in the mail an event causes.
let sink: SmtpSink;
test.beforeAll(async () => {
  sink = await startSmtpSink();
});
test.afterAll(() => sink?.close());

test('a file uploaded in the workflow editor is attached to the send step and arrives with the mail', async ({
  page,
}) => {
  await signInAsAdmin(page);
  const channelName = uniqueName('e2e-mail');
  const created = await page.request.post('/api/v1/channels', {
    data: {
      name: channelName,
      provider: 'smtp',
      config: {
        host: sink.host,
        port: sink.port,
        secure: 'none',
        from: 'Switchboard <noreply@example.test>',
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  const key = uniqueName('files');
  await page.goto('/workflows/new');
  await page.getByLabel('Key', { exact: true }).fill(key);
  await page.getByLabel('Name', { exact: true }).fill(key);
  await page.getByRole('button', { name: 'Add step' }).click();
  await page.getByLabel('Channel', { exact: true }).selectOption({ label: `${channelName} (smtp)` });
  await page.getByLabel('To', { exact: true }).fill('{{ data.email }}');
  await page.getByLabel('Subject', { exact: true }).fill('Your terms');
  await page.getByLabel('Body', { exact: true }).fill('The terms are attached.');
  const bytes = pdfBytes(key);
  await page
    .getByLabel('Attachments')
    .setInputFiles({ name: 'terms.pdf', mimeType: 'application/pdf', buffer: bytes });
  const attached = page.getByRole('list', { name: 'Attached files' });
  await expect(attached.getByText('terms.pdf')).toBeVisible();
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await page.waitForURL(/\/workflows\/[^/]+$/);
  await expect(page.getByRole('heading', { name: key })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('list', { name: 'Attached files' }).getByText('terms.pdf')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove attachment terms.pdf' })).toBeVisible();

  // The saved workflow, triggered: the mail carries the file's bytes.
  const workflow = await (await page.request.get(`/api/v1/workflows/${key}`)).json();
  const trigger = await page.request.post(`/api/v1/workflows/${key}/trigger?wait=20`, {
    data: { data: { email: 'ann@example.test' } },
  });
  expect(trigger.status(), await trigger.text()).toBeLessThan(300);
  expect(workflow.steps[0].attachments).toEqual([
    { file_id: expect.any(String), filename: 'terms.pdf', content_type: 'application/pdf' },
  ]);
  const [mail] = await sink.waitForMessages(1);
  expect(mail!.attachments.map((a) => a.filename)).toEqual(['terms.pdf']);
  expect(Buffer.compare(mail!.attachments[0]!.content, bytes)).toBe(0);

  // Removed in the editor and saved: gone after a reload.
  await page.getByRole('button', { name: 'Remove attachment terms.pdf' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeEnabled();
  await expect
    .poll(
      async () => (await (await page.request.get(`/api/v1/workflows/${key}`)).json()).steps[0].attachments,
    )
    .toBeUndefined();
  await page.reload();
  await expect(page.getByText('No files attached.')).toBeVisible();
});
