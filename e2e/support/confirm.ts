import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Clicks a button that asks `window.confirm` first, accepts, and checks the question named what it acts on
 * (`expected`), so a confirmation about the wrong thing fails.
 */
export async function clickAndConfirm(page: Page, button: Locator, expected: string): Promise<void> {
  let question: string | undefined;
  page.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await button.click();
  await expect.poll(() => question).toContain(expected);
}
