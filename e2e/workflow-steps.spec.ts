import { expect, type Page, test } from '@playwright/test';
import { expectSubmitted } from './support/forms';
import { signInAsAdmin, uniqueName } from './support/session';

// The workflow form on react-hook-form and the API's zod schema: inline messages per field, and the step editor
// adding, reordering (buttons and Alt+arrows on a step's handle), removing and editing steps.

/** The step cards' titles, in order (waiting for them to read so). */
const expectSteps = (page: Page, titles: string[]) =>
  expect(page.getByRole('heading', { level: 3, name: /^Step \d+ · / })).toHaveText(titles);

async function addStep(page: Page, type: string) {
  await page.getByLabel('Step type', { exact: true }).selectOption({ label: type });
  await page.getByRole('button', { name: 'Add step' }).click();
}

test('the step editor adds, reorders by button and keyboard, removes and validates steps inline', async ({
  page,
}) => {
  await signInAsAdmin(page);
  const channelName = uniqueName('e2e-steps');
  const channel = await page.request.post('/api/v1/channels', {
    data: { name: channelName, provider: 'webhook', config: { url: 'https://example.test/hook' } },
  });
  expect(channel.status(), await channel.text()).toBe(201);

  await page.goto('/workflows/new');
  const key = page.getByLabel('Key', { exact: true });
  await key.fill('Not A Key');
  await key.blur();
  // Checked on leaving the field, with the API schema's own message, tied to the input.
  await expect(page.getByText('must be lower-case letters, digits, ".", "_" or "-"')).toBeVisible();
  await expect(key).toHaveAttribute('aria-invalid', 'true');
  await expect(key).toHaveAttribute('aria-describedby', 'workflow-key-error');
  const workflowKey = uniqueName('e2e-steps');
  await key.fill(workflowKey);
  await expect(key).not.toHaveAttribute('aria-invalid');
  await page.getByLabel('Name', { exact: true }).fill(`Steps ${workflowKey}`);

  await page.getByRole('button', { name: 'Create workflow' }).click();
  await expect(page.getByText('a workflow needs at least one step')).toBeVisible();

  await addStep(page, 'Send');
  await addStep(page, 'Delay');
  await addStep(page, 'Condition');
  await expectSteps(page, ['Step 1 · send', 'Step 2 · delay', 'Step 3 · condition']);

  // Alt+ArrowUp on the third step's handle: it moves up and its handle keeps the focus.
  await page.getByRole('button', { name: 'Reorder step 3' }).press('Alt+ArrowUp');
  await expectSteps(page, ['Step 1 · send', 'Step 2 · condition', 'Step 3 · delay']);
  await expect(page.getByRole('button', { name: 'Reorder step 2' })).toBeFocused();
  await page.keyboard.press('Alt+Home');
  await expectSteps(page, ['Step 1 · condition', 'Step 2 · send', 'Step 3 · delay']);
  await expect(page.getByRole('status').filter({ hasText: 'moved to position 1 of 3' })).toBeAttached();

  await page.getByRole('button', { name: 'Move step 1 down' }).click();
  await expectSteps(page, ['Step 1 · send', 'Step 2 · condition', 'Step 3 · delay']);
  await page.getByRole('button', { name: 'Move step 2 up' }).click();
  await expectSteps(page, ['Step 1 · condition', 'Step 2 · send', 'Step 3 · delay']);
  await page.getByRole('button', { name: 'Remove step 3' }).click();
  await expectSteps(page, ['Step 1 · condition', 'Step 2 · send']);

  // Each step's problems at its fields: unreadable JSON, no channel, an invalid Liquid template.
  await page.getByLabel('Filter (JSON)', { exact: true }).fill('{"data.plan":');
  await page.getByLabel('Body', { exact: true }).fill('Hi {% if %}');
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await expect(page.getByText('Fix the highlighted fields.')).toBeVisible();
  await expect(page.getByText(/^Filter is not valid JSON/)).toBeVisible();
  await expect(page.getByText('choose a channel', { exact: true })).toBeVisible();
  await expect(page.getByText(/^body is not a valid Liquid template/)).toBeVisible();
  await expect(page.getByLabel('Channel', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Filter (JSON)', { exact: true }).fill('{"data.plan": "pro"}');
  await page.getByLabel('Channel', { exact: true }).selectOption({ label: `${channelName} (webhook)` });
  await page.getByLabel('Body', { exact: true }).fill('{"plan": "{{ data.plan }}"}');
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await expectSubmitted(page, new RegExp(`/workflows/${workflowKey}$`));

  // Saved in the order shown.
  await page.reload();
  await expectSteps(page, ['Step 1 · condition', 'Step 2 · send']);
  const saved = await (await page.request.get(`/api/v1/workflows/${workflowKey}`)).json();
  expect(saved.steps.map((step: { type: string }) => step.type)).toEqual(['condition', 'send']);
});
