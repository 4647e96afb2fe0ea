import { expect, type Page, test } from '@playwright/test';
import { withE2eDatabase } from './support/database';
import { signInAsAdmin, uniqueName } from './support/session';

// The audit log keeps its filters in the URL. After a reload, Back through the entries pushed before it to the
// page's first one, and a filter changed there, the controls and the rows must still follow the URL: Next.js's
// `useSearchParams` no longer followed the pushed URL there (the rows stayed unfiltered), so the hook reads the
// browser's location (components/data/use-location-search.ts).

/** Entries by one system actor named `name`, newest first: 60 channel updates, then workflow and trigger ones. */
const ENTRIES = [
  ...Array.from({ length: 60 }, (_, i) => ({ action: 'channel.update', type: 'channel', n: i + 1 })),
  ...[1, 2, 3, 4].map((n) => ({
    action: n % 2 ? 'workflow.update' : 'workflow.create',
    type: 'workflow',
    n,
  })),
  ...[1, 2, 3].map((n) => ({ action: 'trigger.delete', type: 'trigger', n })),
];
const ids = (type: string, numbers: number[]) => numbers.map((n) => `${type}-${String(n).padStart(2, '0')}`);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function seedEntries(name: string): Promise<void> {
  await withE2eDatabase((client) =>
    client.query(
      `INSERT INTO audit_log (actor_type, actor_label, action, resource_type, resource_id, created_at)
       SELECT 'system', $1, e.action, e.type, $1 || '-' || e.type || '-' || lpad(e.n::text, 2, '0'),
              now() - make_interval(mins => e.i::int)
       FROM jsonb_to_recordset($2::jsonb) AS e(action text, type text, n int, i int)`,
      [name, JSON.stringify(ENTRIES.map((entry, i) => ({ ...entry, i: i + 1 })))],
    ),
  );
}

/** The seeded entries the table shows, top to bottom, as `<type>-<nn>`. */
async function shown(page: Page, name: string): Promise<string[]> {
  const cells = page
    .getByRole('table', { name: 'Audit log' })
    .getByRole('cell')
    .filter({ hasText: new RegExp(`^\\w+ ${name}-\\w+-\\d{2}$`) });
  return (await cells.allInnerTexts()).map((text) => text.slice(text.indexOf(name) + name.length + 1));
}

/** The URL's filters, the controls showing them, and the rows of exactly that filter (all in one snapshot). */
async function expectFilter(
  page: Page,
  name: string,
  expected: { resource_type?: string; action?: string; rows: string[] },
) {
  const snapshot = async () => {
    const params = new URL(page.url()).searchParams;
    return {
      url: { actor: params.get('actor'), type: params.get('resource_type'), action: params.get('action') },
      controls: {
        actor: await page.getByLabel('Actor').inputValue(),
        type: await page.getByLabel('Resource type').inputValue(),
        action: await page.getByLabel('Action').inputValue(),
      },
      rows: await shown(page, name),
    };
  };
  const type = expected.resource_type ?? null;
  const action = expected.action ?? null;
  await expect.poll(snapshot).toEqual({
    url: { actor: name, type, action },
    controls: { actor: name, type: type ?? '', action: action ?? '' },
    rows: expected.rows,
  });
}

test('audit log filters follow the URL through reload, Back and Forward, paging included', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  const name = uniqueName('audit-url');
  await seedEntries(name);
  const pages = page.getByRole('navigation', { name: 'Audit log pages' });
  const next = pages.getByRole('button', { name: 'Next page' });
  const previous = pages.getByRole('button', { name: 'Previous page' });
  const all = {
    first: ids('channel', range(1, 50)),
    second: [
      ...ids('channel', range(51, 60)),
      ...ids('workflow', range(1, 4)),
      ...ids('trigger', range(1, 3)),
    ],
  };
  const workflows = ids('workflow', range(1, 4));
  const triggers = ids('trigger', range(1, 3));
  const created = ids('workflow', [2, 4]);

  // A shared link: the actor in the URL.
  await page.goto(`/audit-log?actor=${name}`);
  await expectFilter(page, name, { rows: all.first });
  await next.click();
  await expect(pages).toContainText('Page 2 · rows 51–67');
  await expect.poll(() => shown(page, name)).toEqual(all.second);
  await previous.click();
  await expect(pages).toContainText('Page 1 · rows 1–50');
  await expect.poll(() => shown(page, name)).toEqual(all.first);

  await page.getByLabel('Resource type').selectOption('workflow');
  await expectFilter(page, name, { resource_type: 'workflow', rows: workflows });
  await page.getByLabel('Resource type').selectOption('trigger');
  await expectFilter(page, name, { resource_type: 'trigger', rows: triggers });

  await page.reload();
  await expectFilter(page, name, { resource_type: 'trigger', rows: triggers });

  // Back through the entries pushed before the reload, then a filter pushed from there.
  await page.goBack();
  await expectFilter(page, name, { resource_type: 'workflow', rows: workflows });
  await page.goBack();
  await expectFilter(page, name, { rows: all.first });
  await page.getByLabel('Action').fill('workflow.create');
  await expectFilter(page, name, { action: 'workflow.create', rows: created });
  await page.getByLabel('Resource type').selectOption('trigger');
  await expectFilter(page, name, { resource_type: 'trigger', action: 'workflow.create', rows: [] });
  await expect(page.getByText('No entry matches')).toBeVisible();

  await page.goBack();
  await expectFilter(page, name, { action: 'workflow.create', rows: created });
  await page.goBack();
  await expectFilter(page, name, { rows: all.first });
  await page.goForward();
  await expectFilter(page, name, { action: 'workflow.create', rows: created });

  // Once more after a reload, a change pushed first, then Back over it and a change pushed again.
  await page.reload();
  await expectFilter(page, name, { action: 'workflow.create', rows: created });
  await page.getByLabel('Resource type').selectOption('workflow');
  await expectFilter(page, name, { resource_type: 'workflow', action: 'workflow.create', rows: created });
  await page.goBack();
  await expectFilter(page, name, { action: 'workflow.create', rows: created });
  await page.getByLabel('Action').fill('');
  await expectFilter(page, name, { rows: all.first });

  // Paging still works on the list the history led to, and a new filter starts at its first page.
  await next.click();
  await expect(pages).toContainText('Page 2 · rows 51–67');
  await expect.poll(() => shown(page, name)).toEqual(all.second);
  await page.getByLabel('Resource type').selectOption('channel');
  await expectFilter(page, name, { resource_type: 'channel', rows: ids('channel', range(1, 50)) });
  await expect(pages).toContainText('Page 1 · rows 1–50');
  await next.click();
  await expect(pages).toContainText('Page 2 · rows 51–60');
  await expect.poll(() => shown(page, name)).toEqual(ids('channel', range(51, 60)));
});
