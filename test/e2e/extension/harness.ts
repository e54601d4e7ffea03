/**
 * Drives the built extension in a real browser: the portal's pages are answered by request
 * interception from the fixture under test/fixtures/portal/, so the content script runs on its
 * real match pattern (https://security.microsoft.com/*) and nothing reaches the network.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer';
import type { SampleFile } from '../../fixtures/portal/sample-data.ts';
import { CHROMIUM_FLAGS } from '../../support/chromium.ts';

export const REPO = resolve(import.meta.dirname, '../../..');
export const CHROME_BUILD = join(REPO, 'dist/extension-chrome');
export const FIREFOX_BUILD = join(REPO, 'dist/extension-firefox');
export const PORTAL = 'https://security.microsoft.com';
const FIXTURE = join(REPO, 'test/fixtures/portal/portal.html');

export const tempDir = (prefix: string): Promise<string> => mkdtemp(join(tmpdir(), prefix));

export interface Chromium {
  readonly browser: Browser;
  readonly extensionId: string;
}

export async function launchChromium(userDataDir: string, extension = CHROME_BUILD): Promise<Chromium> {
  const browser = await puppeteer.launch({
    headless: true,
    userDataDir,
    enableExtensions: true,
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
  });
  const worker = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'),
  );
  return { browser, extensionId: new URL(worker.url()).host };
}

/** Answer the portal's addresses with the fixture SPA; refuse everything else. */
export async function servePortal(page: Page): Promise<void> {
  const html = await readFile(FIXTURE, 'utf8');
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.isInterceptResolutionHandled()) return;
    const url = new URL(req.url());
    // resourceType() is not available over WebDriver BiDi (Firefox): the fixture has no subresources,
    // so every request to the portal's origin gets the page.
    if (url.origin === PORTAL) {
      void req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    } else if (
      url.protocol === 'chrome-extension:' ||
      url.protocol === 'moz-extension:' ||
      url.protocol === 'blob:'
    ) {
      void req.continue();
    } else {
      void req.abort();
    }
  });
}

export async function portalPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  await servePortal(page);
  await page.goto(`${PORTAL}${path}`, { waitUntil: 'domcontentloaded' });
  return page;
}

/** The portal's own in-app navigation: a new address, no page load. */
export async function navigate(page: Page, path: string): Promise<void> {
  await page.evaluate(
    (href) => (window as unknown as { __navigate(h: string): void }).__navigate(href),
    path,
  );
}

/**
 * The first element matching `selector` inside our shadow roots. Polled: waitForSelector watches
 * the document's mutations, which do not include changes inside shadow roots.
 */
export async function overlay(
  page: Page,
  selector: string,
  timeout = 15_000,
): Promise<ElementHandle<Element>> {
  const started = Date.now();
  for (;;) {
    const el = await page.$(`[data-remdesk] >>> ${selector}`);
    if (el) return el;
    if (Date.now() - started > timeout) throw new Error(`no ${selector} in the overlay after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Text of the first element matching `selector` inside our shadow roots. */
export async function overlayText(page: Page, selector: string, timeout = 15_000): Promise<string> {
  const el = await overlay(page, selector, timeout);
  return el.evaluate((e) => e.textContent ?? '');
}

/** Wait until some element inside the overlays has text containing `text`. */
export async function waitForOverlayText(
  page: Page,
  selector: string,
  text: string,
  timeout = 15_000,
): Promise<void> {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < timeout) {
    const els = await page.$$(`[data-remdesk] >>> ${selector}`);
    for (const el of els) {
      last = (await el.evaluate((e) => e.textContent ?? '')) ?? '';
      if (last.includes(text)) return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`"${text}" did not appear in ${selector} (last: ${last.slice(0, 200)})`);
}

/** Rows of the activity table (text of each). */
export async function activityRows(page: Page): Promise<string[]> {
  const rows = await page.$$('[data-remdesk] >>> tr.activity');
  return Promise.all(rows.map((r) => r.evaluate((e) => e.textContent ?? '')));
}

/** The activity row whose text has all of `parts`. */
export async function activityRow(page: Page, ...parts: string[]): Promise<ElementHandle<Element>> {
  for (const row of await page.$$('[data-remdesk] >>> tr.activity')) {
    const text = await row.evaluate((e) => e.textContent ?? '');
    if (parts.every((p) => text.includes(p))) return row;
  }
  throw new Error(
    `no activity row with ${parts.join(', ')}; rows: ${(await activityRows(page)).join(' | ')}`,
  );
}

/** Open a row (activity or exception) and return its details row. */
export async function expand(page: Page, row: ElementHandle<Element>): Promise<ElementHandle<Element>> {
  if ((await row.evaluate((r) => r.getAttribute('data-expanded'))) !== 'true')
    await (await row.$('button.expand'))?.click();
  const id = await row.evaluate(
    (r) => r.getAttribute('data-activity-id') ?? r.getAttribute('data-exception-id'),
  );
  for (let i = 0; i < 100; i++) {
    const details = await page.$(
      `[data-remdesk] >>> tr[data-activity-id="${id}"] + tr.details, [data-remdesk] >>> tr[data-exception-id="${id}"] + tr.details`,
    );
    if (details) return details;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`row ${id} did not open`);
}

/**
 * Wait until the details of the activity whose row has `title` contain `text`, opening its row
 * (again, after a redraw that closed it) as needed.
 */
export async function waitForActivityText(
  page: Page,
  title: string,
  text: string,
  timeout = 15_000,
): Promise<void> {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < timeout) {
    try {
      const details = await expand(page, await activityRow(page, title));
      last = await details.evaluate((e) => e.textContent ?? '');
      if (last.includes(text)) return;
    } catch (e) {
      // Not drawn yet, or redrawn under us: look again.
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`"${text}" did not appear in the details of "${title}" (last: ${last.slice(0, 200)})`);
}

/**
 * Import files through the popup, as a user would, and wait for each import to finish. Each entry
 * is one import: a file, or files chosen together (the listing and parts of one export).
 */
export async function importThroughPopup(
  browser: Browser,
  popupUrl: string,
  imports: readonly (string | readonly string[])[],
): Promise<void> {
  const popup = await browser.newPage();
  await popup.goto(popupUrl);
  const input = (await popup.waitForSelector('#files')) as ElementHandle<HTMLInputElement>;
  for (const chosen of imports) {
    const files = typeof chosen === 'string' ? [chosen] : chosen;
    const file = files[0] as string;
    await input.uploadFile(...files);
    await popup.waitForFunction(
      (name) => {
        const el = document.querySelector('.import-progress [data-phase]');
        return (
          el?.textContent?.includes(name) && ['done', 'failed'].includes(el.getAttribute('data-phase') ?? '')
        );
      },
      { timeout: 60_000 },
      file.split('/').at(-1) as string,
    );
    const phase = await popup.$eval('.import-progress [data-phase]', (e) => e.getAttribute('data-phase'));
    if (phase !== 'done') {
      throw new Error(
        `import of ${files.join(', ')} failed: ${await popup.$eval('.import-progress', (e) => e.textContent)}`,
      );
    }
  }
  await popup.close();
}

export async function writeFixture(dir: string, name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

export const builtExtensionExists = (): boolean =>
  existsSync(join(CHROME_BUILD, 'manifest.json')) && existsSync(join(FIREFOX_BUILD, 'manifest.json'));

export const isoDay = (offsetDays: number): string =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Sample files written to `dir`: their paths, to choose together in one import. */
export const writeFixtures = (dir: string, files: readonly SampleFile[]): Promise<string[]> =>
  Promise.all(files.map((f) => writeFixture(dir, f.name, f.content)));
