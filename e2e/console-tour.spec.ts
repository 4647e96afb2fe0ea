import path from 'node:path';
import { expect, type Locator, type Page, type TestInfo, test } from '@playwright/test';
import { type HttpSink, startHttpSink } from '../test/support/http-sink';
import { seriousA11yViolations } from './support/axe';
import { type Control, describeControl, enabledControls } from './support/controls';
import { signIn, signInAsAdmin, uniqueName } from './support/session';

// Every console page, as an admin and as a viewer, in the light and the dark theme, over data made the way users
// make it (REST API, events posted with an API key, deliveries to a real HTTP receiver): each page waits for its
// data, is saved as a full-page screenshot (test-results/, attached to the report), and axe finds no serious or
// critical violation on it. A viewer has no enabled control that would change something, on any page; the same
// page shows an admin those controls, so the check cannot pass on a page that simply has none. Last, the admin's
// dashboard becomes the README's screenshot (docs/screenshot.png).

type Role = 'admin' | 'viewer';
type Scheme = 'light' | 'dark';

interface Seed {
  channel: { id: string; name: string };
  workflow: { id: string; key: string; name: string };
  trigger: { id: string; name: string };
  rule: { id: string; name: string };
  apiKeyName: string;
  viewer: { email: string; password: string };
  eventType: string;
  deadMessageId: string;
}

/** A control by role and accessible name, as `getByRole` takes them. */
interface Action {
  role: 'button' | 'link' | 'textbox' | 'combobox' | 'checkbox';
  name: string | RegExp;
}

interface TourPage {
  path: (seed: Seed) => string;
  /** The page's <h1>. */
  heading: (seed: Seed, role: Role) => string | RegExp;
  /** Waits for the page's own data (beyond the generic "nothing is loading"). */
  loaded?: (main: Locator, seed: Seed, role: Role) => Promise<void>;
  /** Brings the page to the state worth looking at (a row's details open, a version compared). */
  prepare?: (main: Locator, seed: Seed, role: Role) => Promise<void>;
  /** Controls that change something, shown enabled to an admin; a viewer must not have them enabled. */
  adminActions?: (seed: Seed) => Action[];
  /** What a viewer reads instead of the page's write actions (or instead of the page). */
  viewerNotice?: string;
  /** Where the controls are counted, when not the whole <main>. */
  controlsIn?: (main: Locator) => Locator;
}

const WEBHOOK_OUTCOME = /\[(dead|failed)\]/;
const OUTCOMES = ['ok', 'ok', 'dead', 'ok', 'ok', 'failed', 'ok', 'ok', 'dead', 'ok', 'ok', 'ok'] as const;

const button = (name: string | RegExp): Action => ({ role: 'button', name });
const link = (name: string | RegExp): Action => ({ role: 'link', name });
const row = (main: Locator, text: string) => main.getByRole('row').filter({ hasText: text }).first();

const PAGES: TourPage[] = [
  {
    path: () => '/',
    heading: () => 'Dashboard',
    loaded: async (main) => {
      await expect(tileValue(main, 'Messages')).not.toHaveText('0');
      await expect(main.locator('.recharts-bar-rectangle').first()).toBeVisible();
    },
  },
  {
    path: () => '/channels',
    heading: () => 'Channels',
    loaded: async (main, seed) => {
      const channel = row(main, seed.channel.name);
      await expect(channel).toBeVisible();
      // Health and success rate come from a second request; "…" until it answers.
      await expect(channel.getByText('…', { exact: true })).toHaveCount(0);
      await expect(channel).toContainText('%');
    },
    adminActions: (seed) => [link('New channel'), button(`Disable ${seed.channel.name}`)],
  },
  {
    path: () => '/channels/new',
    heading: () => 'New channel',
    prepare: async (main, _seed, role) => {
      if (role !== 'admin') return;
      await main
        .getByLabel('Provider', { exact: true })
        .selectOption({ label: 'Webhook (Standard Webhooks)' });
      await expect(main.getByRole('button', { name: 'Create channel' })).toBeVisible();
    },
    adminActions: () => [
      { role: 'textbox', name: 'Name' },
      { role: 'combobox', name: 'Provider' },
      button('Create channel'),
    ],
    viewerNotice: 'Only admins can create channels.',
  },
  {
    path: (seed) => `/channels/${seed.channel.id}`,
    heading: (seed) => seed.channel.name,
    loaded: async (main) => {
      await expect(main.getByRole('link', { name: String(OUTCOMES.length), exact: true })).toBeVisible();
    },
    adminActions: (seed) => [
      button(`Disable ${seed.channel.name}`),
      button('Delete'),
      button('Send test'),
      button('Check health'),
      button('Save changes'),
      { role: 'textbox', name: 'Name' },
    ],
    viewerNotice: 'Viewers can see channels but cannot change, test, disable or delete them.',
  },
  {
    path: () => '/triggers',
    heading: () => 'Triggers',
    loaded: async (main, seed) => {
      await expect(row(main, seed.trigger.name)).toBeVisible();
    },
    adminActions: (seed) => [link('New trigger'), button(`Pause ${seed.trigger.name}`)],
  },
  {
    path: () => '/triggers/new',
    heading: () => 'New trigger',
    adminActions: () => [{ role: 'textbox', name: 'Name' }, button('Create trigger')],
    viewerNotice: 'Only admins can create triggers.',
  },
  {
    path: (seed) => `/triggers/${seed.trigger.id}`,
    heading: (seed) => seed.trigger.name,
    adminActions: (seed) => [
      button(`Pause ${seed.trigger.name}`),
      button('Delete'),
      button('Save changes'),
      button('Test filter'),
    ],
    viewerNotice: 'Viewers can see triggers but cannot change, pause or delete them.',
  },
  {
    path: () => '/workflows',
    heading: () => 'Workflows',
    loaded: async (main, seed) => {
      await expect(row(main, seed.workflow.key)).toBeVisible();
    },
    adminActions: () => [link('New workflow')],
  },
  {
    path: () => '/workflows/new',
    heading: () => 'New workflow',
    adminActions: () => [{ role: 'textbox', name: 'Key' }, button('Add step'), button('Create workflow')],
    viewerNotice: 'Only admins can create workflows.',
  },
  {
    path: (seed) => `/workflows/${seed.workflow.key}`,
    heading: (seed) => seed.workflow.name,
    loaded: async (main) => {
      await expect(main.getByRole('table', { name: 'Versions' }).getByRole('row')).toHaveCount(3);
    },
    prepare: async (main) => {
      await main.getByRole('button', { name: 'View version 1' }).click();
      await expect(main.getByRole('heading', { name: 'Version 1' })).toBeVisible();
      await expect(main.getByText(/Loading version/)).toHaveCount(0);
    },
    adminActions: () => [
      button('Delete'),
      button('Save changes'),
      button('Trigger now'),
      button('Restore this version'),
      button('Add step'),
    ],
    viewerNotice: 'Viewers can see and preview workflows but cannot change or trigger them.',
  },
  {
    path: () => '/messages',
    heading: () => 'Messages',
    loaded: async (main, seed) => {
      await expect(row(main, seed.channel.name)).toBeVisible();
    },
  },
  {
    path: (seed) => `/messages/${seed.deadMessageId}`,
    heading: () => 'Message',
    loaded: async (main) => {
      await expect(main.getByText('receiver answered HTTP 500').first()).toBeVisible();
    },
    adminActions: () => [button('Retry')],
  },
  {
    path: () => '/dead-letters',
    heading: () => 'Dead letters',
    loaded: async (main, seed) => {
      await expect(row(main, seed.channel.name)).toBeVisible();
    },
    adminActions: () => [button('Retry'), { role: 'checkbox', name: /^Select every/ }],
  },
  {
    // Made by push providers' reports (its own specs seed them): this tour sees the list as it is.
    path: () => '/invalid-recipients',
    heading: () => 'Invalid recipients',
    viewerNotice: 'Viewers can see invalid recipients but cannot clear them.',
  },
  {
    path: () => '/events',
    heading: () => 'Events',
    loaded: async (main, seed) => {
      await expect(row(main, seed.eventType)).toBeVisible();
    },
    prepare: async (main, seed) => {
      await row(main, seed.eventType).getByRole('button', { name: 'Details' }).click();
      await expect(main.getByText('Payload', { exact: true })).toBeVisible();
      await expect(main.getByRole('link', { name: seed.workflow.name }).first()).toBeVisible();
    },
    adminActions: () => [button('Replay')],
  },
  {
    path: () => '/health',
    heading: () => 'Health',
    loaded: async (main) => {
      await expect(main.getByText('Ready', { exact: true })).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    path: () => '/alerts',
    heading: () => 'Alerts',
    loaded: async (main, seed, role) => {
      if (role === 'admin') await expect(row(main, seed.rule.name)).toBeVisible();
    },
    adminActions: (seed) => [link('New alert rule'), button(`Disable ${seed.rule.name}`)],
    viewerNotice: 'Only admins can see and manage alert rules.',
  },
  {
    path: () => '/alerts/new',
    heading: () => 'New alert rule',
    adminActions: () => [{ role: 'textbox', name: 'Name' }, button('Create alert rule')],
    viewerNotice: 'Only admins can create alert rules.',
  },
  {
    path: (seed) => `/alerts/${seed.rule.id}`,
    heading: (seed, role) => (role === 'admin' ? seed.rule.name : 'Alert rule'),
    adminActions: (seed) => [button(`Disable ${seed.rule.name}`), button('Delete'), button('Save changes')],
    viewerNotice: 'Only admins can see and manage alert rules.',
  },
  {
    path: () => '/api-keys',
    heading: () => 'API keys',
    loaded: async (main, seed) => {
      await expect(row(main, seed.apiKeyName)).toBeVisible();
    },
    adminActions: () => [button('Create API key'), button('Revoke')],
    viewerNotice: 'Viewers can see API keys but cannot create or revoke them.',
  },
  {
    path: () => '/users',
    heading: () => 'Users',
    loaded: async (main, seed) => {
      await expect(row(main, seed.viewer.email)).toBeVisible();
    },
    adminActions: () => [
      button('Add user'),
      button('Make admin'),
      button('Reset password'),
      button('Disable'),
      button('Delete'),
    ],
    viewerNotice: 'Viewers can see users but cannot add or change them.',
  },
  {
    path: () => '/audit-log',
    heading: () => 'Audit log',
    loaded: async (main, _seed, role) => {
      if (role === 'admin') await expect(row(main, 'workflow.update')).toBeVisible();
    },
    prepare: async (main, _seed, role) => {
      if (role !== 'admin') return;
      await row(main, 'workflow.update').getByRole('button', { name: 'Details' }).click();
      await expect(main.getByRole('button', { name: 'Hide' })).toBeVisible();
    },
    viewerNotice: 'Only administrators can read the audit log.',
  },
  {
    path: () => '/api-reference',
    heading: () => 'API reference',
    loaded: async (main) => {
      await expect(main.getByRole('heading', { name: 'Switchboard API' })).toBeVisible({ timeout: 30_000 });
    },
    // Scalar's request client is a generic HTTP client (the API answers a viewer's writes with 403): the console's
    // own controls are the page header's.
    controlsIn: (main) => main.locator('div:has(> div > h1)').first(),
  },
];

// Controls that only read: what they change is the view (filters, ranges, tabs, expanded rows, pages, a preview
// that sends nothing). Anything else enabled on a viewer's page is reported.
const READ_ONLY: { role?: string; name: string | RegExp }[] = [
  { role: 'radio', name: /^(1 hour|24 hours|7 days|30 days|Custom|By status|By channel)$/ },
  { role: 'checkbox', name: /^Refresh every \d+ s$/ },
  { role: 'combobox', name: 'Statuses counted' },
  { role: 'button', name: /^(Details|Hide|Load more|Try again|Previous page|Next page|Clear filters)$/ },
  { role: 'button', name: /^View version \d+$/ },
  { role: 'button', name: /^(Close|Compare with current|Definition|Preview)$/ },
  { role: 'button', name: /^Copy\b/ },
  { role: 'textbox', name: 'Sample data (JSON)' },
];

/**
 * A link named with one of these verbs first leads to a form that changes something ("New channel"). Only the
 * first word counts: links named by the data they show ("orders-pause-x1", "1 trigger reporting") change nothing.
 */
const MUTATING =
  /^(new|create|add|save|edit|delete|remove|disable|enable|pause|resume|revoke|re-?drive|retry|replay|discard|restore|send|trigger|reset|make|generate|upload|import)(\s|$)/i;

const sameName = (expected: string | RegExp, name: string) =>
  typeof expected === 'string' ? expected === name : expected.test(name);

function isReadOnly(control: Control): boolean {
  if (control.role === 'link') return !MUTATING.test(control.name) && !/\/new$/.test(control.url ?? '');
  // Filter bars are search landmarks: their controls choose what the list shows.
  if (control.within.some((landmark) => landmark.startsWith('search'))) return true;
  return READ_ONLY.some(
    (allowed) => (!allowed.role || allowed.role === control.role) && sameName(allowed.name, control.name),
  );
}

function tileValue(main: Locator, name: string) {
  return main.getByRole('region', { name, exact: true }).locator('p').nth(1);
}

const slug = (pathname: string) =>
  pathname === '/'
    ? 'dashboard'
    : pathname
        .slice(1)
        .replace(/[^a-z0-9]+/gi, '-')
        .slice(0, 60);

/**
 * Nothing in <main> is loading any more: no busy region, no skeleton, no "Loading …" line (visible ones: a closed
 * dialog may hold a query that never starts).
 */
async function expectSettled(main: Locator) {
  await expect(main.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(main.locator('[class*="animate-pulse"]').filter({ visible: true })).toHaveCount(0);
  await expect(main.getByText(/^(Loading|Checking)\b.*…$/).filter({ visible: true })).toHaveCount(0);
}

async function useScheme(page: Page, scheme: Scheme) {
  await page.emulateMedia({ colorScheme: scheme });
  // next-themes follows the system setting ("System" is the default choice) and sets the class on <html>.
  await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${scheme}\\b`));
}

const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** A full-page screenshot kept with the test's results, and the axe scan of the same state. */
async function captureAndScan(page: Page, testInfo: TestInfo, label: string, scheme: Scheme) {
  const file = testInfo.outputPath(`${label}-${scheme}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  await testInfo.attach(`${label} (${scheme})`, { path: file, contentType: 'image/png' });
  // The markup is the same in both themes: the dark one is scanned by the rules about colour only.
  const violations = await seriousA11yViolations(page, {
    rules: scheme === 'dark' ? COLOUR_RULES : undefined,
  });
  expect
    .soft(
      violations.length,
      `serious or critical axe violations on ${label} (${scheme}):\n${violations.join('\n')}`,
    )
    .toBe(0);
}

async function tour(page: Page, testInfo: TestInfo, seed: Seed, role: Role) {
  const main = page.getByRole('main');
  for (const spec of PAGES) {
    const pathname = spec.path(seed);
    await test.step(`${role}: ${pathname}`, async () => {
      await useScheme(page, 'light');
      await page.goto(pathname);
      await expect(main.getByRole('heading', { level: 1, name: spec.heading(seed, role) })).toBeVisible();
      if (role === 'viewer' && spec.viewerNotice)
        await expect(main.getByText(spec.viewerNotice, { exact: true })).toBeVisible();
      await spec.loaded?.(main, seed, role);
      await spec.prepare?.(main, seed, role);
      await expectSettled(main);

      const label = `${role}-${slug(pathname.replace(/[0-9a-f-]{36}/, 'id').replace(seed.workflow.key, 'key'))}`;
      await captureAndScan(page, testInfo, label, 'light');
      await useScheme(page, 'dark');
      await captureAndScan(page, testInfo, label, 'dark');

      const scope = spec.controlsIn?.(main) ?? main;
      const controls = await enabledControls(scope);
      await testInfo.attach(`${label} controls`, {
        body: controls
          .map((c) => `${isReadOnly(c) ? 'read-only' : 'changes  '} ${describeControl(c)}`)
          .join('\n'),
        contentType: 'text/plain',
      });
      const actions = spec.adminActions?.(seed) ?? [];
      const changing = controls.filter((control) => !isReadOnly(control));
      if (role === 'admin') {
        for (const action of actions)
          await expect
            .soft(
              scope.getByRole(action.role, { name: action.name, exact: true }).first(),
              `admin on ${pathname}`,
            )
            .toBeEnabled();
        // Each of them counts as a control that changes something: the allow-list of read-only controls lets none
        // of them through (else the viewer's check below would not see them).
        for (const action of actions)
          expect
            .soft(
              changing.some((c) => c.role === action.role && sameName(action.name, c.name)),
              `${action.role} "${action.name}" on ${pathname} counts as changing something`,
            )
            .toBe(true);
      } else {
        expect
          .soft(
            changing.map(describeControl),
            `enabled controls that change something, for a viewer on ${pathname}`,
          )
          .toEqual([]);
        for (const action of actions)
          await expect
            .soft(
              scope.getByRole(action.role, { name: action.name, exact: true, disabled: false }),
              `viewer on ${pathname}`,
            )
            .toHaveCount(0);
      }
    });
  }
}

let sink: HttpSink;
let seed: Seed;

test.beforeAll(async ({ browser, playwright }, testInfo) => {
  testInfo.setTimeout(120_000);
  const baseURL = testInfo.project.use.baseURL;
  // Most messages are taken (200); "[dead]" ones get a 500 (retried: with one attempt, dead at once) and "[failed]"
  // ones a 422 (refused for good).
  sink = await startHttpSink();
  sink.respondWith((req) => {
    const outcome = WEBHOOK_OUTCOME.exec(req.body)?.[1];
    if (outcome === 'dead') return { status: 500, body: 'receiver overloaded' };
    if (outcome === 'failed') return { status: 422, body: 'unknown order' };
    return { status: 200, body: '{"ok":true}', headers: { 'content-type': 'application/json' } };
  });

  const context = await browser.newContext({ baseURL });
  const admin = await context.newPage();
  await signInAsAdmin(admin);
  const post = async <T>(url: string, data: unknown): Promise<T> => {
    const res = await admin.request.post(url, { data });
    expect(res.status(), `${url}: ${await res.text()}`).toBe(201);
    return (await res.json()) as T;
  };

  const channel = await post<{ id: string; name: string }>('/api/v1/channels', {
    name: uniqueName('tour-orders-hook'),
    provider: 'webhook',
    config: { url: `${sink.url}/orders`, body_format: 'text' },
    retry_policy: { max_attempts: 1, base_delay_seconds: 1, max_delay_seconds: 1 },
  });
  const key = uniqueName('tour-orders');
  const workflow = await post<{ id: string; key: string; name: string }>('/api/v1/workflows', {
    key,
    name: `Order updates ${key.slice('tour-orders-'.length)}`,
    steps: [
      {
        type: 'send',
        channel_id: channel.id,
        template: { body: 'Order {{ data.order }} is {{ data.state }} [{{ data.outcome }}]' },
      },
    ],
  });
  // A second version, so the page has versions to compare.
  const patched = await admin.request.patch(`/api/v1/workflows/${workflow.key}`, {
    data: { description: 'Tells the shop about each order’s progress.' },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  // Only this spec's event type: an api trigger without a filter would start runs for other specs' events.
  const eventType = uniqueName('tour.order');
  const trigger = await post<{ id: string; name: string }>('/api/v1/triggers', {
    name: uniqueName('tour-orders-api'),
    type: 'api',
    workflow_id: workflow.id,
    config: { filter: { event_type: eventType } },
  });
  const rule = await post<{ id: string; name: string }>('/api/v1/alert-rules', {
    name: uniqueName('tour dead letters'),
    kind: 'dead_letters',
    params: { threshold: 0, window_minutes: 60, channel_id: channel.id },
    notify_channel_ids: [channel.id],
  });
  const apiKeyName = uniqueName('tour-shop-backend');
  const apiKey = await post<{ key: string }>('/api/v1/api-keys', { name: apiKeyName, scope: 'trigger' });
  const viewer = { email: `${uniqueName('tour-viewer')}@example.test`, password: 'viewer-password-1' };
  await post('/api/v1/users', { ...viewer, name: 'Vera Viewer', role: 'viewer' });

  // Events arrive as a service sends them: with the API key, no session.
  const service = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${apiKey.key}` },
  });
  for (const [index, outcome] of OUTCOMES.entries()) {
    const res = await service.post('/api/v1/events', {
      data: {
        event_type: eventType,
        data: { order: `A-${1040 + index}`, state: index % 3 ? 'shipped' : 'confirmed', outcome },
      },
    });
    expect(res.status(), await res.text()).toBe(202);
  }
  await service.dispose();

  // Every message settled: sent, dead (500) or failed (422).
  const statuses = async () => {
    const res = await admin.request.get(`/api/v1/messages?workflow_id=${workflow.id}&limit=100`);
    const { data } = (await res.json()) as { data: { id: string; status: string }[] };
    return data;
  };
  await expect
    .poll(async () => (await statuses()).map((m) => m.status).sort(), { timeout: 60_000 })
    .toEqual([...Array(2).fill('dead'), 'failed', ...Array(9).fill('sent')]);
  const deadMessageId = (await statuses()).find((m) => m.status === 'dead')!.id;
  await context.close();

  seed = { channel, workflow, trigger, rule, apiKeyName, viewer, eventType, deadMessageId };
});

test.afterAll(() => sink?.close());

test.use({ viewport: { width: 1280, height: 800 } });

// Each role's tour is 24 pages, each with two screenshots and two axe scans: two to four minutes on a busy two-core
// machine (axe's contrast rule dominates), so the default minute is far too short.
const TOUR_TIMEOUT_MS = 600_000;

test('every page as an admin: loaded data, light and dark, no serious axe violation, write actions shown', async ({
  page,
}, testInfo) => {
  test.setTimeout(TOUR_TIMEOUT_MS);
  await signInAsAdmin(page);
  await tour(page, testInfo, seed, 'admin');
});

test('every page as a viewer: loaded data, light and dark, no serious axe violation, nothing that writes', async ({
  page,
}, testInfo) => {
  test.setTimeout(TOUR_TIMEOUT_MS);
  await signIn(page, seed.viewer.email, seed.viewer.password);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await tour(page, testInfo, seed, 'viewer');
});

test('the sign-in page, signed out, in light and dark', async ({ page }, testInfo) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
    await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${scheme}\\b`));
    await captureAndScan(page, testInfo, 'signed-out-sign-in', scheme);
  }
});

test('the README screenshot: the admin dashboard with the deliveries just made', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await signInAsAdmin(page);
  const main = page.getByRole('main');
  await expect(tileValue(main, 'Messages')).not.toHaveText('0');
  await expect(tileValue(main, 'Sent')).not.toHaveText('0');
  await expect(main.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expectSettled(main);
  await page.screenshot({ path: path.resolve('docs', 'screenshot.png'), animations: 'disabled' });
});
