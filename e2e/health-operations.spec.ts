import { expect, test } from '@playwright/test';
import { withE2eDatabase } from './support/database';
import { signInAsAdmin } from './support/session';

// The health page shows the latest retention run from maintenance_runs. The row is seeded (the daily job does not
// run on demand in the e2e app), with counts no other spec produces.
test('the health page shows the last retention run and what it deleted', async ({ page }) => {
  await withE2eDatabase((client) =>
    client.query(
      `INSERT INTO maintenance_runs (task, started_at, finished_at, deleted)
       VALUES ('retention', now() - interval '1 minute', now() - interval '50 seconds',
               '{"messages": 4321, "message_attempts": 8642, "workflow_runs": 17, "events": 1234}')`,
    ),
  );
  await signInAsAdmin(page);
  await page.goto('/health');
  await expect(page.getByRole('heading', { name: 'Health' })).toBeVisible();
  await expect(page.getByText('Retention', { exact: true })).toBeVisible();
  await expect(
    page.getByText('Events kept forever; finished messages kept forever. Runs daily.'),
  ).toBeVisible();
  const deleted = page.getByRole('definition');
  await expect(deleted.filter({ hasText: '4,321' })).toBeVisible();
  await expect(deleted.filter({ hasText: '8,642' })).toBeVisible();
  await expect(deleted.filter({ hasText: '1,234' })).toBeVisible();
  await expect(page.getByText('Finished', { exact: true })).toBeVisible();
  // No DATABASE_REPLICA_URLS in the e2e app: no replica table.
  await expect(page.getByRole('table', { name: 'Read replicas' })).toHaveCount(0);
});
