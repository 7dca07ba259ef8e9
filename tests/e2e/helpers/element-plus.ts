import type { Page } from 'playwright-core';
import { becomesTrue } from './browser.ts';

/**
 * Opens an Element Plus select marked with data-test and picks the visible option with this exact text.
 * A select's list fades out after a pick; until it is gone its options still count as visible, so the
 * next select's option of the same text could be the fading one. Each pick waits for the lists to close
 * (a multiple select's list stays open for more picks).
 */
export async function choose(page: Page, test: string, option: string): Promise<void> {
  await selectListsClosed(page);
  await page.locator(`[data-test="${test}"]`).first().click();
  await page.getByRole('option', { name: option, exact: true }).locator('visible=true').first().click();
  await selectListsClosed(page);
}

/** In the page: no single select's list is showing (a multiple select's stays open for more picks). */
const LISTS_CLOSED = `[...document.querySelectorAll('.el-select__popper')].every((list) => {
  if (list.querySelector('.el-select-dropdown.is-multiple')) return true;
  const box = list.getBoundingClientRect();
  return getComputedStyle(list).display === 'none' || box.width === 0 || box.height === 0;
})`;

async function selectListsClosed(page: Page): Promise<void> {
  if (!(await becomesTrue(page, LISTS_CLOSED, 5000))) throw new Error('a select list stayed open');
}

/** Waits for an Element Plus message (toast) with this text. */
export async function toast(page: Page, text: string): Promise<void> {
  await page.locator('.el-message', { hasText: text }).first().waitFor();
}

/** The error shown under the form item of a field (data-field on the item). */
export function fieldError(page: Page, field: string) {
  return page.locator(`[data-field="${field}"] .el-form-item__error`);
}

/** Picks a person in a user picker inside `scope` by typing part of the name. */
export async function pickUser(page: Page, scope: string, typed: string, option: string): Promise<void> {
  await page.locator(`${scope} [data-test="user-picker"]`).click();
  // The picker first lists everyone, then the answer to what was typed: pick from that answer, as a
  // person does, not from the first list while it is being replaced.
  const searched = page.waitForResponse((r) => r.url().includes('/api/ui/users') && new URL(r.url()).searchParams.get('q') === typed);
  await page.keyboard.type(typed);
  await searched;
  await page.getByRole('option', { name: option }).locator('visible=true').click();
}
