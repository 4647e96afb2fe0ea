import type { Page } from '@playwright/test';

/** Fills the control labelled exactly `label`: a select gets the option, anything else the text. */
export async function fillField(page: Page, label: string, value: string): Promise<void> {
  const control = page.getByLabel(label, { exact: true });
  const tag = await control.evaluate((element) => element.tagName);
  if (tag === 'SELECT') await control.selectOption(value);
  else await control.fill(value);
}

/** Fills fields in order (a selector such as "Authentication" before the fields it reveals). */
export async function fillFields(page: Page, fields: [label: string, value: string][]): Promise<void> {
  for (const [label, value] of fields) await fillField(page, label, value);
}

/** Waits for the page to reach `url` after a submit; on failure names the form's alerts and field errors. */
export async function expectSubmitted(page: Page, url: RegExp): Promise<void> {
  try {
    await page.waitForURL(url, { timeout: 15_000 });
  } catch (error) {
    const problems = await page.getByRole('main').locator('[role="alert"], [id$="-error"]').allInnerTexts();
    throw new Error(`the form was not accepted: ${problems.join(' | ') || (error as Error).message}`);
  }
}
