/**
 * End to end: the built extension in Chromium (then a shorter run in Firefox ESR), on the portal's
 * real addresses served from test/fixtures/portal/ by request interception.
 * Builds dist/extension-{chrome,firefox} first (about 15 s).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../../../extension/build.ts';
import { EXPOSURES_CONTEXT, pagesOf } from '../../fixtures/defender-api/paged.ts';
import {
  exposureExport,
  exposureRows,
  HOSTILE,
  recommendationsJson,
} from '../../fixtures/portal/sample-data.ts';
import { runFirefoxFlow } from './firefox.ts';
import {
  activityRow,
  expand,
  importThroughPopup,
  isoDay,
  launchChromium,
  navigate,
  overlay,
  overlayText,
  portalPage,
  tempDir,
  waitForActivityText,
  waitForOverlayText,
  writeFixture,
  writeFixtures,
} from './harness.ts';

const CHROME = '/usr/bin/chromium';
const FIREFOX = '/usr/bin/firefox-esr';

/** A missing browser fails the suite by name: a skipped end-to-end run would hide a failure. */
function requireBrowser(path: string, install: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: install it (${install}) to run these tests`);
}
const USER = 'alice@contoso.com';

async function submitRequest(
  page: Page,
  opts: { type?: string; due?: string; email?: string; intune?: boolean; priority?: string },
): Promise<string> {
  await (await overlay(page, 'button.primary[aria-haspopup="dialog"]')).click();
  await overlay(page, 'form.request');
  if (opts.email) await (await overlay(page, 'input[name="email"]')).type(opts.email);
  if (opts.type) {
    await (await overlay(page, 'select[name="type"]')).select(opts.type);
    await page.waitForFunction(
      (type) =>
        [...document.querySelectorAll('[data-remdesk]')].some(
          (h) =>
            (h.shadowRoot?.querySelector('select[name="type"]') as HTMLSelectElement | null)?.value === type,
        ),
      {},
      opts.type,
    );
  }
  if (opts.priority) await (await overlay(page, 'select[name="priority"]')).select(opts.priority);
  if (opts.due) {
    const due = await overlay(page, 'input[name="dueOn"]');
    await due.evaluate((el, v) => {
      (el as HTMLInputElement).value = v;
    }, opts.due);
  }
  if (opts.intune) await (await overlay(page, 'input[name="intuneTask"]')).click();
  await (await overlay(page, 'form.request button[type="submit"]')).click();
  return overlayText(page, '.outcome .requested');
}

/** The details (opened) of the activity whose row contains `title`. */
const activityDetails = async (page: Page, title: string): Promise<ElementHandle<Element>> =>
  expand(page, await activityRow(page, title));

/** Text of the activity's details row: progress, due date, steps, ticket, "Completed by". */
async function activityItemText(page: Page, title: string): Promise<string> {
  return (await activityDetails(page, title)).evaluate((e) => e.textContent ?? '');
}

async function clickInActivity(page: Page, title: string, selector: string): Promise<void> {
  const target = await (await activityDetails(page, title)).$(selector);
  if (!target) throw new Error(`no ${selector} in activity "${title}"`);
  await target.click();
}

async function setOptions(
  browser: Browser,
  extensionId: string,
  set: (page: Page) => Promise<void>,
): Promise<void> {
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${extensionId}/pages/options.html`);
  await page.waitForSelector('#settings');
  await set(page);
  await page.click('#save');
  await page.waitForSelector('.saved');
  await page.close();
}

describe('extension end to end', () => {
  let dir: string;
  let profile: string;
  let downloads: string;

  beforeAll(async () => {
    requireBrowser(CHROME, 'apt-get install -y chromium');
    await buildExtension(['chrome', 'firefox']);
    dir = await tempDir('remdesk-e2e-');
    profile = join(dir, 'profile');
    downloads = join(dir, 'downloads');
  }, 120_000);

  describe('Chromium', () => {
    let browser: Browser;
    let extensionId: string;
    let popupUrl: string;

    beforeAll(async () => {
      ({ browser, extensionId } = await launchChromium(profile));
      popupUrl = `chrome-extension://${extensionId}/pages/popup.html`;
    }, 30_000);
    afterAll(async () => {
      await browser?.close();
    });

    it('imports the sample data through the popup', async () => {
      const recs = await writeFixture(dir, 'recommendations.json', recommendationsJson());
      const exposures = await writeFixtures(
        dir,
        exposureExport('e1', { seenAt: new Date(Date.now() - 86_400_000) }),
      );
      await importThroughPopup(browser, popupUrl, [recs, exposures]);
      const popup = await browser.newPage();
      await popup.goto(popupUrl);
      await popup.waitForSelector('[data-count="activity.Active"]');
      expect(await popup.$eval('[data-count="activity.Active"]', (e) => e.textContent)).toBe('0');
      await popup.close();
    }, 60_000);

    it('R-REQ-1..3: requests a software update with a due date, asking for the email once', async () => {
      const page = await portalPage(
        browser,
        '/security-recommendations?recommendationId=va-_-google-_-chrome',
      );
      // R-INT-1: the connection is off by default, so the option is absent, not disabled.
      await (await overlay(page, 'button.primary[aria-haspopup="dialog"]')).click();
      await overlay(page, 'form.request');
      expect(await page.$('[data-remdesk] >>> input[name="intuneTask"]')).toBeNull();
      await (await overlay(page, 'button.close')).click();
      const text = await submitRequest(page, { email: USER, due: isoDay(7), priority: 'High' });
      expect(text).toContain('30');
      const notice = await overlayText(page, '.outcome pre.notice');
      expect(notice).toContain('Update Google Chrome');
      const mailto = await (await overlay(page, 'a.mailto')).evaluate((a) => a.getAttribute('href'));
      expect(mailto).toMatch(/^mailto:\?subject=/);
      await page.close();
    }, 60_000);

    it('R-ATTN-1: attention required offers no due date and creates an activity without one', async () => {
      const page = await portalPage(
        browser,
        '/security-recommendations?recommendationId=va-_-microsoft-_-edge_chromium-based',
      );
      await (await overlay(page, 'button.primary[aria-haspopup="dialog"]')).click();
      await overlay(page, 'input[name="dueOn"]');
      await (await overlay(page, 'select[name="type"]')).select('AttentionRequired');
      await page.waitForFunction(() => {
        const host = [...document.querySelectorAll('[data-remdesk]')].find((h) =>
          h.shadowRoot?.querySelector('form.request'),
        );
        return host?.shadowRoot?.querySelector('input[name="dueOn"]') === null;
      });
      // The email is stored: the form no longer asks for it.
      expect(await page.$('[data-remdesk] >>> form.request input[name="email"]')).toBeNull();
      await (await overlay(page, 'form.request button[type="submit"]')).click();
      expect(await overlayText(page, '.outcome .requested')).toContain('12');
      await page.close();
    }, 60_000);

    it('R-INT-1/R-INT-2: with the Intune connection on, sends 10,000 devices and says how many are left out', async () => {
      await setOptions(browser, extensionId, async (p) => {
        await p.click('#intune');
      });
      const page = await portalPage(
        browser,
        '/security-recommendations?recommendationId=va-_-contoso-_-agent',
      );
      await (await overlay(page, 'button.primary[aria-haspopup="dialog"]')).click();
      await (await overlay(page, 'input[name="intuneTask"]')).click();
      expect(await overlayText(page, '.intune-count')).toContain('500');
      await (await overlay(page, 'button.close')).click();
      await submitRequest(page, { due: isoDay(3), intune: true, priority: 'Low' });
      const left = await overlayText(page, '.outcome .task-left-out');
      expect(left).toContain('10000');
      expect(left).toContain('500');
      await page.close();
    }, 60_000);

    it('R-PROG-1/R-INT-3: the remediation page shows progress, due dates, steps and ticket status', async () => {
      const page = await portalPage(browser, '/remediation/remediation-activities');
      await waitForOverlayText(page, 'tr.activity', 'Contoso');
      const chrome = await activityItemText(page, 'Google Chrome');
      expect(chrome).toContain('0 of 30 devices fixed');
      expect(chrome).toContain(`Due ${isoDay(7)}`);
      expect(chrome).toContain('Update to the recommended version');
      const edge = await activityItemText(page, 'Edge');
      expect(edge).not.toContain('devices fixed');
      expect(edge).not.toContain('Due ');
      expect(edge).not.toContain('Ticket status');
      const agent = await activityItemText(page, 'Contoso');
      expect(agent).toContain('0 of 10500 devices fixed');
      expect(agent).toMatch(/Ticket status:\s*Pending/);
      // R-INT-3: accept the ticket, choosing its status deliberately.
      const details = await activityDetails(page, 'Contoso');
      const status = (await details.$('form.task-status select')) as ElementHandle<HTMLSelectElement>;
      await status.select('active');
      await clickInActivity(page, 'Contoso', 'form.task-status button[type="submit"]');
      await page.waitForFunction(async () => true);
      await waitForActivityText(page, 'Contoso', 'Ticket status: Accepted');
      await page.close();
    }, 60_000);

    it('R-DONE-1: two pages of a paged export chosen together are refused and complete nothing', async () => {
      const rows = exposureRows({ seenAt: new Date(), fixed: new Set(['va-_-google-_-chrome']) });
      const pages = pagesOf(EXPOSURES_CONTEXT, rows, Math.ceil(rows.length / 2)).map((p, i) => ({
        name: `page${i + 1}.json`,
        content: p,
      }));
      const files = await writeFixtures(dir, pages);
      const popup = await browser.newPage();
      await popup.goto(popupUrl);
      const input = (await popup.waitForSelector('#files')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(...files);
      await popup.waitForSelector('.import-progress [data-phase="failed"]', { timeout: 60_000 });
      expect(await popup.$eval('.import-progress .error', (e) => e.textContent)).toContain(
        'pages saved as files cannot be shown to be every page',
      );
      await popup.close();
      const page = await portalPage(browser, '/remediation/remediation-activities');
      await waitForOverlayText(page, 'tr.activity', 'Contoso');
      expect(await activityItemText(page, 'Google Chrome')).toContain('0 of 30 devices fixed');
      await page.close();
    }, 60_000);

    it('R-DONE-1: a newer export without the Chrome devices completes that activity with System confirmation', async () => {
      const newer = await writeFixtures(
        dir,
        exposureExport('e2', { seenAt: new Date(), fixed: new Set(['va-_-google-_-chrome']) }),
      );
      const page = await portalPage(browser, '/remediation/remediation-activities');
      await waitForOverlayText(page, 'tr.activity', 'Contoso');
      await importThroughPopup(browser, popupUrl, [newer]);
      // The open page redraws by itself when the data changes.
      await waitForActivityText(page, 'Google Chrome', 'System confirmation');
      const chrome = await activityItemText(page, 'Google Chrome');
      expect(chrome).toContain('30 of 30 devices fixed');
      expect(chrome).toContain('Completed by: System confirmation');
      await page.close();
    }, 90_000);

    it('R-DONE-2: marks the attention-required activity complete with the user email', async () => {
      const page = await portalPage(browser, '/remediation/remediation-activities');
      await waitForOverlayText(page, 'tr.activity', 'Edge');
      await clickInActivity(page, 'Edge', 'form.mark-complete button');
      await (await overlay(page, '.confirm button.confirm-yes')).click();
      await waitForActivityText(page, 'Edge', `Completed by: ${USER}`);
      await page.close();
    }, 60_000);

    it('R-CSV-1: exports the activity list to CSV', async () => {
      const page = await portalPage(browser, '/remediation/remediation-activities');
      const cdp = await page.createCDPSession();
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
      await (await overlay(page, 'button.export-csv')).click();
      let file: string | undefined;
      for (let i = 0; i < 50 && !file; i++) {
        await new Promise((r) => setTimeout(r, 100));
        file = existsSync(downloads)
          ? (await readdir(downloads)).find(
              (f) => f.startsWith('remediation-activities') && f.endsWith('.csv'),
            )
          : undefined;
      }
      expect(file).toBeDefined();
      const csv = await readFile(join(downloads, file as string), 'utf8');
      const lines = csv.trim().split(/\r\n/);
      expect(lines).toHaveLength(4);
      // core's R-CSV-1 columns (activitiesToCsv), after the BOM.
      expect(
        lines[0]
          ?.replace(/^\uFEFF/, '')
          .split(',')
          .slice(0, 4),
      ).toEqual(['Title', 'Recommendation', 'Type', 'Status']);
      expect(csv).toContain('System confirmation');
      expect(csv).toContain(USER);
      // R-ATTN-1: the attention-required row has an empty due date.
      const edge = lines.find((l) => l.includes('Edge')) ?? '';
      expect(edge).toContain('AttentionRequired');
      await page.close();
    }, 60_000);

    it('R-EXC-1..4: creates an exception on a recommendation and cancels it on the remediation page', async () => {
      const page = await portalPage(browser, '/security-recommendations?recommendationId=sca-_-scid-2010');
      await (await overlay(page, 'button.primary[aria-haspopup="dialog"]')).click();
      await (await overlay(page, '.exceptions details summary')).click();
      await (await overlay(page, 'select[name="justification"]')).select('RiskAccepted');
      await (await overlay(page, 'textarea[name="context"]')).type('Tolerated until the next window');
      await (await overlay(page, 'input[name="excGroup"][value="Servers"]')).click();
      await (await overlay(page, 'form.exception button[type="submit"]')).click();
      await waitForOverlayText(page, 'li.exception-item', 'In effect');
      // Hostile strings in imported names render as text and never run.
      const title = await overlayText(page, 'form.request h3');
      expect(title).toBe(HOSTILE);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.$('[data-remdesk] >>> img')).toBeNull();

      await navigate(page, '/remediation/remediation-activities');
      await waitForOverlayText(page, 'tr.exception-item', 'In effect');
      await (await overlay(page, 'button.cancel-exception')).click();
      await (await overlay(page, '.confirm button.confirm-yes')).click();
      await waitForOverlayText(page, 'tr.exception-item', 'Canceled');
      await page.close();
    }, 60_000);

    it('R-TOP-1: the dashboard card lists active activities and opens one; routes change without reloads', async () => {
      const page = await portalPage(browser, '/tvm_dashboard');
      await overlay(page, 'li.top-item a.open-activity');
      const entries = await page.$$eval('[data-remdesk]', (hosts) =>
        hosts.flatMap((h) =>
          [...(h.shadowRoot?.querySelectorAll('li.top-item a.open-activity') ?? [])].map(
            (a) => a.textContent,
          ),
        ),
      );
      expect(entries).toEqual(['Update Contoso Agent to version 9.1']);
      // The card sits inside the portal's card grid.
      expect(await page.$('[data-automation-id="tvm-dashboard-cards"] > [data-remdesk]')).not.toBeNull();

      // SPA navigation: one page load, one overlay at a time.
      await navigate(page, '/security-recommendations?recommendationId=va-_-google-_-chrome');
      // Inline in the flyout's command bar, and the portal's loud button style does not reach it.
      await page.waitForSelector(
        '[data-automation-id="recommendation-flyout"] .ms-CommandBar > [data-remdesk]',
      );
      const button = await overlay(page, 'button.primary[aria-haspopup="dialog"]');
      expect(await button.evaluate((b) => getComputedStyle(b).fontSize)).not.toBe('30px');
      await navigate(page, '/remediation/remediation-activities');
      await waitForOverlayText(page, 'tr.activity', 'Contoso');
      expect(await page.$$('[data-remdesk]')).toHaveLength(1);
      expect(await page.evaluate(() => (window as unknown as { __fullLoads: number }).__fullLoads)).toBe(1);

      await navigate(page, '/tvm_dashboard');
      await (await overlay(page, 'a.open-activity')).click();
      await page.waitForFunction(() => location.search.includes('remdeskActivity='));
      await overlay(page, 'tr.activity.selected');
      await page.close();
    }, 60_000);

    it('falls back to a floating launcher when the portal markup has no anchor', async () => {
      const page = await portalPage(browser, '/remediation/remediation-activities?bare=1');
      await (await overlay(page, 'button.launcher')).click();
      await waitForOverlayText(page, '.dialog tr.activity', 'Contoso');
      await page.keyboard.press('Escape');
      await page.waitForFunction(
        () => !document.querySelector('[data-remdesk]')?.shadowRoot?.querySelector('.dialog'),
      );
      await page.close();
    }, 30_000);

    it('keeps everything after a browser restart with the same profile, and speaks zh-CN', async () => {
      await browser.close();
      ({ browser, extensionId } = await launchChromium(profile));
      const page = await portalPage(browser, '/remediation/remediation-activities');
      await waitForOverlayText(page, 'tr.activity', 'Contoso');
      expect(await activityItemText(page, 'Google Chrome')).toContain('System confirmation');
      // The requester (also the user) is in the details too: read the completion itself.
      expect(await activityItemText(page, 'Edge')).toContain(`Completed by: ${USER}`);
      await waitForOverlayText(page, 'tr.exception-item', 'Canceled');

      await setOptions(browser, extensionId, async (p) => {
        await p.select('#language', 'zh-CN');
      });
      // The open page follows the language change.
      await waitForOverlayText(page, '.panel h2', '修正活动');
      // The panel is drawn anew in the new language, its rows closed: open them again.
      await waitForActivityText(page, 'Google Chrome', '系统确认');
      await waitForActivityText(page, 'Edge', '完成者');
      await navigate(page, '/tvm_dashboard');
      await waitForOverlayText(page, '.panel h2', '热门修正活动');
      await page.close();
    }, 60_000);
  });

  describe('Firefox ESR', () => {
    it('installs the Firefox build, requests remediation and sees it on the remediation page', async () => {
      requireBrowser(FIREFOX, 'apt-get install -y firefox-esr');
      await runFirefoxFlow(join(dir, 'firefox-profile'), dir);
    }, 150_000);
  });
});
