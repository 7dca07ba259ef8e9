import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /** A new tab (its own cookies come from the shared context; use separate browsers for separate users). */
  page(): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile in a temporary directory that is removed afterwards. */
export async function openBrowser(options: { width?: number; height?: number; locale?: string; touch?: boolean; timezoneId?: string } = {}): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'tessera-e2e-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: options.locale ?? 'en-US',
    // The browser's own zone (the machine's unless given), for pages that read times in it.
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    acceptDownloads: true,
    // Charts then draw at once (EChart.vue honours it): a screenshot needs no wait for their animation.
    reducedMotion: 'reduce',
    // A touch device (a tablet): nothing hovers, the pointer is coarse.
    ...(options.touch ? { hasTouch: true, isMobile: true } : {}),
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    page: () => context.newPage(),
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** In the page: no CSS transition or finite animation is running. */
const STILL = "document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)";

/**
 * Whether `predicate` (JavaScript, as a string) turns true in the page within `ms`, asked every 50 ms.
 * Polled from here: page.waitForFunction compiles its predicate inside the page, which the app's CSP
 * (script-src 'self') refuses. Strings, as this file is compiled without the DOM's types.
 */
export async function becomesTrue(page: Page, predicate: string, ms: number): Promise<boolean> {
  const giveUp = Date.now() + ms;
  for (;;) {
    if (await page.evaluate<boolean>(predicate)) return true;
    if (Date.now() >= giveUp) return false;
    await page.waitForTimeout(50);
  }
}

/**
 * Waits until the page stands still for a screenshot: its main area scrolled to the top (unless
 * `scrollTop: false`), no CSS transition or finite animation running (Element Plus' fades and zooms),
 * then two frames drawn. Charts draw without animation in these browsers (reduced motion), so nothing
 * else moves. Screenshots are for people to look at: after 3 s of motion it takes the picture anyway.
 */
export async function waitUntilStill(page: Page, options: { scrollTop?: boolean } = {}): Promise<void> {
  if (options.scrollTop ?? true) await page.locator('.el-main').evaluate((main) => main.scrollTo(0, 0));
  await becomesTrue(page, STILL, 3000);
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
}

/** Logs in through the login page and waits for the shell. */
export async function logIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await input(page, 'username').fill(username);
  await input(page, 'password').fill(password);
  await page.click('[data-test="login-submit"]');
  await page.waitForSelector('[data-test="main-menu"]');
}

/** The text box of an Element Plus input marked with data-test (the attribute lands on the input itself or its wrapper). */
export function input(page: Page, test: string) {
  return page.locator(`input[data-test="${test}"], textarea[data-test="${test}"], [data-test="${test}"] input, [data-test="${test}"] textarea`).first();
}

/** Switches the app's language: with the header's switch, or on a phone (no switch there) through the user menu. */
export async function chooseLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  const inHeader = page.locator('[data-test="language-switch"]');
  if (await inHeader.count()) {
    await inHeader.getByText(language === 'en' ? 'English' : '中文').click();
    return;
  }
  await page.click('[data-test="user-menu"]');
  await page.locator(`[data-test="language-${language}"]`).locator('visible=true').click();
}
