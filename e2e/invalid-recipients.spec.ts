import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { type ApnsFake, startApnsFake } from '../test/fakes/apns';
import { clickAndConfirm } from './support/confirm';
import { createThroughApi } from './support/rest';
import { signInAsAdmin, signInAsNewViewer, uniqueName } from './support/session';

// A device token APNs reports Unregistered, through the running app: the worker records it, the Invalid
// recipients page lists it (and the channel's page links there), the next send to it fails without reaching the
// fake, a viewer sees the entry without a way to clear it, and an admin clears it after a confirmation.

const bundleId = 'com.example.shop';
const [teamId, keyId] = ['TEAM123456', 'KEY1234567'];

interface Triggered {
  messages: { id: string; status: string; last_error: string | null }[];
}

async function trigger(page: Page, key: string, token: string): Promise<Triggered['messages'][number]> {
  const res = await page.request.post(`/api/v1/workflows/${key}/trigger?wait=20`, {
    data: { data: { token } },
  });
  expect(res.status(), await res.text()).toBe(200);
  const { messages } = (await res.json()) as Triggered;
  expect(messages).toHaveLength(1);
  return messages[0]!;
}

test('an unregistered APNs token is listed, blocks the next send, and only an admin clears it', async ({
  page,
  browser,
}) => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  let apns: ApnsFake | undefined;
  try {
    apns = await startApnsFake({ bundleId, token: { teamId, keyId, publicKey: pair.publicKey } });
    await signInAsAdmin(page);
    const device = randomBytes(32).toString('hex');
    apns.registerDevice(device);
    apns.unregister(device, Date.now() - 60_000);

    const channelName = uniqueName('apns');
    const channel = await createThroughApi(page, '/api/v1/channels', {
      name: channelName,
      provider: 'apns',
      config: {
        auth: {
          type: 'token',
          key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
          key_id: keyId,
          team_id: teamId,
        },
        bundle_id: bundleId,
        environment: 'sandbox',
        endpoint: apns.url,
        ca: apns.ca,
      },
    });
    const key = uniqueName('invalid-token');
    await createThroughApi(page, '/api/v1/workflows', {
      key,
      name: key,
      steps: [
        {
          type: 'send',
          channel_id: channel.id,
          to: '{{ data.token }}',
          template: { subject: 'Order shipped', body: 'Your order is on its way.' },
        },
      ],
    });

    const first = await trigger(page, key, device);
    expect(first.status).toBe('failed');
    expect(first.last_error).toMatch(/^token unregistered: APNs refused device token/);

    // The channel's page counts it and links to the list, filtered to the channel.
    await page.goto(`/channels/${channel.id}`);
    await expect(page.getByText('1 invalid recipient', { exact: true })).toBeVisible();
    await page.getByRole('link', { name: 'View invalid recipients' }).click();
    await expect(page).toHaveURL(new RegExp(`/invalid-recipients\\?channel_id=${channel.id}$`));
    await expect(page.getByRole('heading', { name: 'Invalid recipients', level: 1 })).toBeVisible();
    const table = page.getByRole('table', { name: 'Invalid recipients' });
    const row = table.getByRole('row').filter({ hasText: device });
    await expect(row).toContainText(channelName);
    await expect(row).toContainText('Unregistered');
    await expect(table.getByRole('row')).toHaveCount(2);

    // The next send fails at once: APNs is not asked again.
    const before = apns.requests.length;
    const second = await trigger(page, key, device);
    expect(second.status).toBe('failed');
    expect(second.last_error).toMatch(/^device token was reported Unregistered by APNs at /);
    expect(apns.requests.length).toBe(before);

    const viewer = await signInAsNewViewer(browser, page);
    try {
      await viewer.goto(`/invalid-recipients?channel_id=${channel.id}`);
      await expect(
        viewer.getByText('Viewers can see invalid recipients but cannot clear them.', { exact: true }),
      ).toBeVisible();
      const seen = viewer.getByRole('table', { name: 'Invalid recipients' }).getByRole('row').filter({
        hasText: device,
      });
      await expect(seen).toContainText('Unregistered');
      await expect(viewer.getByRole('button', { name: 'Clear', exact: true })).toHaveCount(0);
    } finally {
      await viewer.context().close();
    }

    await clickAndConfirm(page, row.getByRole('button', { name: 'Clear', exact: true }), channelName);
    await expect(row).toHaveCount(0);
    await expect(table.getByText('No invalid recipients')).toBeVisible();
  } finally {
    await apns?.close();
  }
});
