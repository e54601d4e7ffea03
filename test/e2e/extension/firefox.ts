/**
 * The shorter Firefox run: Debian's Firefox ESR over WebDriver BiDi. Puppeteer shows no background
 * target there, so the popup is opened at a fixed moz-extension address (the uuid pref) and the
 * content script is checked on an intercepted portal page.
 */
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer';
import { GECKO_ID } from '../../../extension/build.ts';
import { exposureExport, recommendationsJson } from '../../fixtures/portal/sample-data.ts';
import {
  FIREFOX_BUILD,
  isoDay,
  overlay,
  overlayText,
  portalPage,
  waitForOverlayText,
  writeFixture,
  writeFixtures,
} from './harness.ts';

/**
 * Opens an extension page in Firefox and waits for `selector` on it. There `page.goto` on a
 * moz-extension address never resolves, so it is not awaited; and a wait that starts while the
 * old document is being replaced fails with a protocol error instead of waiting on, so such a
 * failure is retried until the time is up.
 */
export async function openInFirefox(
  page: Page,
  url: string,
  selector: string,
  timeout = 20_000,
): Promise<ElementHandle<Element>> {
  void page.goto(url).catch(() => undefined);
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      const found = await page.waitForSelector(selector, { timeout: Math.max(1, deadline - Date.now()) });
      if (found) return found;
    } catch (e) {
      if (Date.now() >= deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The popup in a new tab, once its file chooser is there. */
export async function openFirefoxPopup(
  browser: Browser,
  base: string,
): Promise<{ popup: Page; input: ElementHandle<HTMLInputElement> }> {
  const popup = await browser.newPage();
  const input = await openInFirefox(popup, `${base}/pages/popup.html`, '#files');
  return { popup, input: input as ElementHandle<HTMLInputElement> };
}

/** Each entry is one import: a file, or files chosen together (see importThroughPopup). */
export async function importInFirefox(
  browser: Browser,
  base: string,
  imports: readonly (string | readonly string[])[],
  email = 'fox@contoso.com',
): Promise<void> {
  const { popup, input } = await openFirefoxPopup(browser, base);
  for (const chosen of imports) {
    const files = typeof chosen === 'string' ? [chosen] : chosen;
    const file = files[0] as string;
    await input.uploadFile(...files);
    await popup.waitForFunction(
      (name) => {
        const el = document.querySelector('.import-progress [data-phase]');
        return el?.textContent?.includes(name) && el.getAttribute('data-phase') === 'done';
      },
      { timeout: 60_000 },
      file.split('/').at(-1) as string,
    );
  }
  // Email and the language are set once in the options page.
  const emailInput = await openInFirefox(popup, `${base}/pages/options.html`, '#email');
  await emailInput.type(email);
  await popup.select('#language', 'en');
  await popup.click('#save');
  await popup.waitForSelector('.saved');
  await popup.close();
}

/**
 * Debian's Firefox ESR with the built extension installed, its pages at `base` (a fixed
 * moz-extension address: the uuid pref, as puppeteer shows no background target there).
 */
export async function launchFirefox(userDataDir: string): Promise<{ browser: Browser; base: string }> {
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    userDataDir,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }) },
  });
  try {
    const id = await browser.installExtension(FIREFOX_BUILD);
    if (id !== GECKO_ID) throw new Error(`installed as ${id}, expected ${GECKO_ID}`);
  } catch (e) {
    await browser.close();
    throw e;
  }
  return { browser, base: `moz-extension://${uuid}` };
}

export async function runFirefoxFlow(userDataDir: string, dir: string): Promise<void> {
  const { browser, base } = await launchFirefox(userDataDir);
  try {
    const recs = await writeFixture(dir, 'ff-recommendations.json', recommendationsJson());
    const exposures = await writeFixtures(
      dir,
      exposureExport('ff1', { seenAt: new Date(Date.now() - 86_400_000) }),
    );
    await importInFirefox(browser, base, [recs, exposures]);

    const page = await portalPage(browser, '/security-recommendations?recommendationId=va-_-google-_-chrome');
    await (await overlay(page, 'button.primary[aria-haspopup="dialog"]', 20_000)).click();
    const due = await overlay(page, 'input[name="dueOn"]');
    await due.evaluate((el, v) => {
      (el as HTMLInputElement).value = v;
    }, isoDay(5));
    await (await overlay(page, 'form.request button[type="submit"]')).click();
    const created = await overlayText(page, '.outcome .requested', 60_000);
    if (!created.includes('30')) throw new Error(`unexpected outcome: ${created}`);

    await page.evaluate(() =>
      (window as unknown as { __navigate(h: string): void }).__navigate(
        '/remediation/remediation-activities',
      ),
    );
    await waitForOverlayText(page, 'tr.activity', '0 / 30', 20_000);
    await page.close();
  } finally {
    await browser.close();
  }
}
