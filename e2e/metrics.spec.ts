import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { promtoolCheck, sample } from '../test/support/prometheus';
import { withE2eDatabase } from './support/database';
import { signInAsAdmin, uniqueName } from './support/session';

// The built app as `npm start` runs it: with no METRICS_TOKEN (as in the e2e app) Prometheus scrapes
// /api/metrics with an admin API key as its bearer token, and each worker's own port (loopback), which it
// writes into its heartbeat.

test('the web scrape counts requests by route template; the worker serves metrics and probes on its port', async ({
  page,
  request,
}) => {
  expect((await request.get('/api/metrics')).status()).toBe(401);
  await signInAsAdmin(page);
  const created = await page.request.post('/api/v1/api-keys', {
    data: { name: uniqueName('prometheus'), scope: 'admin' },
  });
  expect(created.status()).toBe(201);
  const { key } = (await created.json()) as { key: string };
  const scrape = async () => {
    const res = await request.get('/api/metrics', { headers: { authorization: `Bearer ${key}` } });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  const labels = { route: '/api/v1/channels/[id]', method: 'GET', status_class: '4xx' };
  const before = sample(await scrape(), 'switchboard_http_requests_total', labels) ?? 0;
  const id = randomUUID();
  expect((await request.get(`/api/v1/channels/${id}`)).status()).toBe(401);
  const after = await scrape();
  expect(sample(after, 'switchboard_http_requests_total', labels)).toBe(before + 1);
  expect(after).not.toContain(id);
  expect(promtoolCheck(after)).toEqual({ status: 0, output: '' });

  const port = await withE2eDatabase(async (client) => {
    const { rows } = await client.query<{ port: number }>(
      `SELECT (info -> 'http' ->> 'port')::int AS port FROM worker_heartbeats
       WHERE state = 'running' ORDER BY last_seen_at DESC LIMIT 1`,
    );
    return rows[0]?.port;
  });
  expect(port).toBeGreaterThan(0);
  const worker = `http://127.0.0.1:${port}`;
  expect((await request.get(`${worker}/health/live`)).status()).toBe(200);
  expect((await request.get(`${worker}/health/ready`)).status()).toBe(200);
  const workerText = await (await request.get(`${worker}/metrics`)).text();
  expect(sample(workerText, 'switchboard_workers_live')).toBeGreaterThanOrEqual(1);
  expect(promtoolCheck(workerText)).toEqual({ status: 0, output: '' });
});
