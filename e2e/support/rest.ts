import { expect, type Page } from '@playwright/test';

/**
 * Creates a prerequisite through the REST API as the signed-in admin (its console form is tested elsewhere),
 * expecting 201; returns the created resource.
 */
export async function createThroughApi<T = { id: string }>(
  page: Page,
  path: string,
  data: unknown,
): Promise<T> {
  const res = await page.request.post(path, { data });
  expect(res.status(), await res.text()).toBe(201);
  return res.json() as Promise<T>;
}

/** Posts an event as the signed-in admin; returns how many runs it started. */
export async function postEvent(page: Page, eventType: string): Promise<number> {
  const res = await page.request.post('/api/v1/events', { data: { event_type: eventType, data: {} } });
  expect(res.status(), await res.text()).toBe(202);
  return ((await res.json()) as { runs: unknown[] }).runs.length;
}
