import { expect, type Page, test } from '@playwright/test';
import { createThroughApi } from './support/rest';
import { signInAsAdmin, signInAsNewViewer, uniqueName } from './support/session';

// Every save of a workflow keeps a version: edit one twice in the console, compare version 1 with the current
// definition, restore it and see its steps back; a viewer sees the versions but no restore control.

async function save(page: Page, version: number) {
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('main').getByText(`version ${version} · updated`)).toBeVisible();
}

test('edits keep versions that can be compared with the current one and restored', async ({
  page,
  browser,
}, testInfo) => {
  await signInAsAdmin(page);
  const name = uniqueName('Versioned');
  const { key } = await createThroughApi<{ key: string }>(page, '/api/v1/workflows', {
    key: uniqueName('e2e-versions'),
    name,
    steps: [{ type: 'delay', seconds: 60 }],
  });
  await page.goto(`/workflows/${key}`);
  await expect(page.getByRole('heading', { name })).toBeVisible();

  // Two edits: the delay, then the name.
  await page.getByLabel('Seconds', { exact: true }).fill('300');
  await save(page, 2);
  await page.getByLabel('Name', { exact: true }).fill(`${name} renamed`);
  await save(page, 3);

  const versions = page.getByRole('table', { name: 'Versions' });
  const rows = versions.getByRole('row');
  await expect(rows).toHaveCount(4); // the header and versions 3, 2, 1
  await expect(rows.nth(1)).toContainText('current');
  await expect(rows.nth(3).getByRole('cell').first()).toHaveText('1');

  await page.getByRole('button', { name: 'View version 1' }).click();
  await expect(page.getByRole('button', { name: 'Compare with current' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const diff = page.getByTestId('version-diff');
  await expect(diff.locator('del', { hasText: '"seconds": 60' })).toBeVisible();
  await expect(diff.locator('ins', { hasText: '"seconds": 300' })).toBeVisible();
  await expect(diff.locator('del', { hasText: `"name": "${name}",` })).toBeVisible();
  await expect(diff.locator('ins', { hasText: `"name": "${name} renamed",` })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('workflow-versions-compare.png'), fullPage: true });

  await page.getByRole('button', { name: 'Restore this version' }).click();
  const dialog = page.getByRole('dialog', { name: /Restore version 1/ });
  await expect(dialog).toContainText('saved as version 4');
  await dialog.getByRole('button', { name: 'Restore version 1' }).click();
  await expect(page.getByText('Version 1 restored as version 4')).toBeVisible();
  await expect(page.getByRole('main').getByText('version 4 · updated')).toBeVisible();
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();

  // The editor shows version 1's steps and name again.
  await expect(page.getByLabel('Seconds', { exact: true })).toHaveValue('60');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(1)).toContainText('restored from 1');

  // Comparing version 1 with the current one now finds nothing.
  await page.getByRole('button', { name: 'View version 1' }).click();
  await expect(page.getByTestId('version-diff')).toContainText('No differences');

  const viewer = await signInAsNewViewer(browser, page);
  await viewer.goto(`/workflows/${key}`);
  await expect(viewer.getByRole('table', { name: 'Versions' }).getByRole('row')).toHaveCount(5);
  await viewer.getByRole('button', { name: 'View version 2' }).click();
  await expect(viewer.getByTestId('version-diff')).toBeVisible();
  await expect(viewer.getByRole('button', { name: /Restore/ })).toHaveCount(0);
  await viewer.context().close();
});
