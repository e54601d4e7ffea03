/**
 * End to end, the overlays at a team's scale: the remediation page's tables (filters, sort, search,
 * a row's details with the requester's notes), the overlay's own confirmation dialogs, the Intune
 * ticket status chosen deliberately, and the request form's excepted devices and duplicate warning.
 * Chromium for all of it, then Firefox ESR for the table and a confirmation.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../../../extension/build.ts';
import { exposureExport, RECOMMENDATIONS, recommendationsJson } from '../../fixtures/portal/sample-data.ts';
import { importInFirefox, launchFirefox } from './firefox.ts';
import {
  activityRow,
  activityRows,
  expand,
  importThroughPopup,
  isoDay,
  launchChromium,
  navigate,
  overlay,
  overlayText,
  portalPage,
  tempDir,
  waitForOverlayText,
  writeFixture,
  writeFixtures,
} from './harness.ts';

const CHROME = '/usr/bin/chromium';
const FIREFOX = '/usr/bin/firefox-esr';
const ALICE = 'alice@contoso.com';
const BOB = 'bob@contoso.com';
const NOTES = 'Patch the workstations first.\nCall me before Friday.';
/** Chrome (Servers 10, Workstations 20) and Edge (Workstations 12): small and quick to import. */
const RECS = RECOMMENDATIONS.filter(
  (r) => r.id === 'va-_-google-_-chrome' || r.id === 'va-_-microsoft-_-edge_chromium-based',
);
const CHROME_REC = '/security-recommendations?recommendationId=va-_-google-_-chrome';
const EDGE_REC = '/security-recommendations?recommendationId=va-_-microsoft-_-edge_chromium-based';

function requireBrowser(path: string, install: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: install it (${install}) to run these tests`);
}

async function sampleFiles(dir: string, tag: string): Promise<(string | string[])[]> {
  const recs = await writeFixture(dir, `${tag}-recommendations.json`, recommendationsJson(RECS));
  const exposures = await writeFixtures(
    dir,
    exposureExport(tag, { seenAt: new Date(Date.now() - 86_400_000), recs: RECS }),
  );
  return [recs, exposures];
}

/** Fill the options page (already open at its address) and save; the page redraws on a language change. */
async function saveOptions(page: Page, opts: { email?: string; intune?: boolean; language?: string }) {
  await page.waitForSelector('#settings', { timeout: 20_000 });
  if (opts.email !== undefined) {
    await page.$eval('#email', (e) => {
      (e as HTMLInputElement).value = '';
    });
    await page.type('#email', opts.email);
  }
  if (
    opts.intune !== undefined &&
    (await page.$eval('#intune', (e) => (e as HTMLInputElement).checked)) !== opts.intune
  )
    await page.click('#intune');
  if (opts.language) await page.select('#language', opts.language);
  await page.click('#save');
  await page.waitForSelector('.saved');
}

/** Whether the overlay's element matching `selector` is checked / disabled / its value. */
const prop = (el: ElementHandle<Element>, name: 'checked' | 'disabled' | 'value') =>
  el.evaluate((e, n) => (e as unknown as Record<string, unknown>)[n], name);

async function openRequestForm(page: Page): Promise<void> {
  await (await overlay(page, 'button.primary[aria-haspopup="dialog"]', 20_000)).click();
  await overlay(page, 'form.request');
}

async function submitRequest(page: Page, opts: { due?: string; notes?: string; priority?: string }) {
  if (opts.priority) await (await overlay(page, 'select[name="priority"]')).select(opts.priority);
  if (opts.notes) await (await overlay(page, 'textarea[name="notes"]')).type(opts.notes);
  if (opts.due) {
    await (await overlay(page, 'input[name="dueOn"]')).evaluate((el, v) => {
      (el as HTMLInputElement).value = v;
    }, opts.due);
  }
  await (await overlay(page, 'form.request button[type="submit"]')).click();
  return overlayText(page, '.outcome .requested', 30_000);
}

async function waitGone(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (!(await page.$(`[data-remdesk] >>> ${selector}`))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${selector} is still there`);
}

describe('overlays end to end', () => {
  let dir: string;

  beforeAll(async () => {
    requireBrowser(CHROME, 'apt-get install -y chromium');
    await buildExtension(['chrome', 'firefox']);
    dir = await tempDir('remdesk-overlays-');
  }, 120_000);

  describe('Chromium', () => {
    let browser: Browser;
    let extensionId: string;
    const options = async (opts: Parameters<typeof saveOptions>[1]) => {
      const page = await browser.newPage();
      await page.goto(`chrome-extension://${extensionId}/pages/options.html`);
      await saveOptions(page, opts);
      await page.close();
    };

    beforeAll(async () => {
      ({ browser, extensionId } = await launchChromium(join(dir, 'chromium-profile')));
      await importThroughPopup(
        browser,
        `chrome-extension://${extensionId}/pages/popup.html`,
        await sampleFiles(dir, 'c1'),
      );
      await options({ email: ALICE, intune: true });
    }, 90_000);
    afterAll(async () => {
      await browser?.close();
    });

    it('R-REQ-6: devices under an exception in effect are shown in the form and not requested by default', async () => {
      const page = await portalPage(browser, CHROME_REC);
      await (await overlay(page, 'button.primary[aria-haspopup="dialog"]', 20_000)).click();
      await (await overlay(page, '.exceptions details summary')).click();
      await (await overlay(page, 'select[name="justification"]')).select('RiskAccepted');
      await (await overlay(page, 'input[name="excGroup"][value="Servers"]')).click();
      await (await overlay(page, 'form.exception button[type="submit"]')).click();
      await waitForOverlayText(page, 'li.exception-item', 'In effect');

      // The form is drawn again with the exception: Servers shown as excepted and left unchosen.
      const excepted = await overlayText(page, '.excepted[data-group="Servers"]');
      expect(excepted).toContain('10 devices');
      expect(excepted).toContain('Risk accepted');
      expect(await prop(await overlay(page, 'input[name="allGroups"]'), 'checked')).toBe(false);
      expect(await prop(await overlay(page, 'input[name="group"][value="Servers"]'), 'checked')).toBe(false);
      expect(await prop(await overlay(page, 'input[name="group"][value="Workstations"]'), 'checked')).toBe(
        true,
      );
      // R-INT-2: the Intune wording says what is true: a task record, with the devices it lists.
      await (await overlay(page, 'input[name="intuneTask"]')).click();
      expect(await overlayText(page, '.intune-count')).toBe('The task lists all 20 devices.');
      // Nothing requested for Chrome yet: no duplicate warning.
      expect(await overlayText(page, '.duplicate-warning')).toBe('');
      // Only the 20 Workstations devices are targeted (the 10 excepted Servers are not).
      expect(await submitRequest(page, { due: isoDay(7), notes: NOTES, priority: 'High' })).toContain('20');
      expect(await overlayText(page, '.outcome .task-left-out')).toContain(
        'Security task recorded for the IT administrator with 20 devices sent',
      );
      await page.close();
    }, 90_000);

    it('R-MERGE-2: the form warns before a possible duplicate; both requests are kept and marked', async () => {
      await options({ email: BOB, intune: false });
      const edge = await portalPage(browser, EDGE_REC);
      await openRequestForm(edge);
      await submitRequest(edge, { due: isoDay(14), priority: 'Low' });
      await edge.close();

      const page = await portalPage(browser, CHROME_REC);
      await openRequestForm(page);
      // Workstations is chosen by default and Alice's active request covers it.
      await waitForOverlayText(page, '.duplicate-warning', 'Possible duplicate');
      expect(await overlayText(page, '.duplicate-warning')).toContain(ALICE);
      // Choosing only the excepted Servers group overlaps nothing: the warning goes.
      await (await overlay(page, 'input[name="group"][value="Workstations"]')).click();
      await (await overlay(page, 'input[name="group"][value="Servers"]')).click();
      await waitGone(page, '.duplicate-warning .warning');
      await (await overlay(page, 'input[name="group"][value="Workstations"]')).click();
      await waitForOverlayText(page, '.duplicate-warning', 'Possible duplicate');
      // Both groups chosen: the excepted Servers devices are included, as the form says.
      expect(await submitRequest(page, { due: isoDay(10) })).toContain('30');

      await navigate(page, '/remediation/remediation-activities');
      await waitForOverlayText(page, 'tr.activity', 'Edge');
      const duplicates = await page.$$('[data-remdesk] >>> tr.activity .badge.duplicate');
      expect(duplicates).toHaveLength(2);
      await page.close();
    }, 90_000);

    it('filters, sorts and searches the activity table; a row opens to its requester, date and notes', async () => {
      const page = await portalPage(browser, '/remediation/remediation-activities');
      await waitForOverlayText(page, 'tr.activity', 'Edge');
      expect(await activityRows(page)).toHaveLength(3);
      expect(await overlayText(page, '.activity-table .shown-count')).toBe('3 of 3 shown');

      await (await overlay(page, '.activity-table select[name="requester"]')).select(BOB);
      await waitForOverlayText(page, '.activity-table .shown-count', '2 of 3 shown');
      await (await overlay(page, '.activity-table select[name="requester"]')).select('');
      await (await overlay(page, '.activity-table select[name="priority"]')).select('High');
      await waitForOverlayText(page, '.activity-table .shown-count', '1 of 3 shown');
      await (await overlay(page, '.activity-table select[name="priority"]')).select('');
      // Bob's Edge request covers every group, so it stays with Servers chosen.
      await (await overlay(page, '.activity-table select[name="group"]')).select('Servers');
      await waitForOverlayText(page, '.activity-table .shown-count', '2 of 3 shown');
      await (await overlay(page, '.activity-table select[name="group"]')).select('');
      await (await overlay(page, '.activity-table input[name="search"]')).type('edge');
      await waitForOverlayText(page, '.activity-table .shown-count', '1 of 3 shown');
      expect((await activityRows(page))[0]).toContain('Microsoft Edge');
      await (await overlay(page, '.activity-table input[name="search"]')).evaluate((e) => {
        (e as HTMLInputElement).value = '';
        e.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await waitForOverlayText(page, '.activity-table .shown-count', '3 of 3 shown');

      // Sort by priority: the header says how (aria-sort), High first, then turned around.
      const header = '.activity-table th[data-sort-key="priority"]';
      await (await overlay(page, `${header} button`)).click();
      await page.waitForFunction(
        (sel) =>
          [...document.querySelectorAll('[data-remdesk]')].some(
            (h) => h.shadowRoot?.querySelector(sel)?.getAttribute('aria-sort') === 'ascending',
          ),
        {},
        header,
      );
      expect((await activityRows(page))[0]).toContain(ALICE);
      await (await overlay(page, `${header} button`)).click();
      await waitForOverlayText(page, 'tr.activity', 'Edge');
      expect((await activityRows(page))[0]).toContain('Microsoft Edge');
      expect(
        await (await overlay(page, '.activity-table th[data-sort-key="title"]')).evaluate((e) =>
          e.getAttribute('aria-sort'),
        ),
      ).toBe('none');

      // The requester's notes, saved with the request, are shown again.
      const details = await expand(page, await activityRow(page, 'Google Chrome', ALICE));
      const text = await details.evaluate((e) => e.textContent ?? '');
      expect(text).toContain(ALICE);
      expect(text).toContain(isoDay(0));
      expect(text).toContain('Workstations');
      expect(await (await details.$('.requester-notes'))?.evaluate((e) => e.textContent)).toBe(NOTES);
      expect(text).toContain(`Possible duplicate of: Update Google Chrome`);
      await page.close();
    }, 60_000);

    it('R-INT-3: a ticket status is set by a deliberate choice, none chosen in advance', async () => {
      const page = await portalPage(browser, '/remediation/remediation-activities');
      await waitForOverlayText(page, 'tr.activity', 'Edge');
      const details = await expand(page, await activityRow(page, 'Google Chrome', ALICE));
      expect(await details.evaluate((e) => e.textContent)).toContain(
        'Security task (Intune) for the IT administrator: 20 devices sent',
      );
      const select = (await details.$('form.task-status select')) as ElementHandle<HTMLSelectElement>;
      const button = (await details.$('form.task-status button[type="submit"]')) as ElementHandle<Element>;
      expect(await prop(select, 'value')).toBe('');
      expect(await prop(button, 'disabled')).toBe(true);
      await select.select('active');
      expect(await prop(button, 'disabled')).toBe(false);
      await button.click();
      await waitForOverlayText(page, 'tr.details', 'Ticket status: Accepted');
      await page.close();
    }, 60_000);

    it('R-DONE-2: marking complete with devices still exposed asks first in the overlay, saying how many', async () => {
      const page = await portalPage(browser, '/remediation/remediation-activities');
      await waitForOverlayText(page, 'tr.activity', 'Edge');
      const details = await expand(page, await activityRow(page, 'Google Chrome', ALICE));
      await (await details.$('form.mark-complete button'))?.click();
      const dialog = await overlay(page, '.confirm[role="alertdialog"]');
      expect(await dialog.evaluate((e) => e.textContent)).toContain('20 devices are still exposed');
      // The safe choice has the focus; Escape goes back and nothing changes.
      expect(
        await page.evaluate(() =>
          [...document.querySelectorAll('[data-remdesk]')]
            .map((h) => h.shadowRoot?.activeElement?.className)
            .find(Boolean),
        ),
      ).toBe('confirm-back');
      await page.keyboard.press('Escape');
      await waitGone(page, '.confirm');
      expect(
        await (await activityRow(page, 'Google Chrome', ALICE)).evaluate((e) => e.textContent),
      ).toContain('Active');

      const again = await expand(page, await activityRow(page, 'Google Chrome', ALICE));
      await (await again.$('form.mark-complete button'))?.click();
      await (await overlay(page, '.confirm button.confirm-yes')).click();
      await waitForOverlayText(page, 'tr.details', `Completed by: ${BOB}`);
      expect(
        await (await activityRow(page, 'Google Chrome', ALICE)).evaluate((e) => e.textContent),
      ).toContain('Completed');
      // R-MERGE-2: a completed request is no one's duplicate any more.
      expect(await page.$$('[data-remdesk] >>> tr.activity .badge.duplicate')).toHaveLength(0);
      await page.close();
    }, 60_000);

    it('R-EXC-4: canceling an exception asks first, and the exception table shows who created it', async () => {
      const page = await portalPage(browser, '/remediation/remediation-activities');
      await waitForOverlayText(page, 'tr.exception-item', 'In effect');
      expect(await overlayText(page, 'tr.exception-item')).toContain(ALICE);
      await (await overlay(page, '.exception-table select[name="status"]')).select('Canceled');
      await waitForOverlayText(page, '.exception-table', 'Nothing matches the filters.');
      await (await overlay(page, '.exception-table select[name="status"]')).select('');
      await (await overlay(page, 'button.cancel-exception')).click();
      expect(await overlayText(page, '.confirm')).toContain(
        'ends now for every device group it covers (Servers)',
      );
      await (await overlay(page, '.confirm button.confirm-yes')).click();
      await waitForOverlayText(page, 'tr.exception-item', 'Canceled');
      await page.close();
    }, 60_000);

    it('the options page follows a language change at once and shows no retention setting (R-RET-1)', async () => {
      const page = await browser.newPage();
      await page.goto(`chrome-extension://${extensionId}/pages/options.html`);
      await page.waitForSelector('#settings');
      expect(await page.$('#retention')).toBeNull();
      expect(await page.$eval('.retention', (e) => e.textContent)).toContain('180');
      await page.select('#language', 'zh-CN');
      await page.click('#save');
      await page.waitForFunction(() => document.querySelector('h1')?.textContent === '设置');
      expect(await page.$eval('label[for="language"]', (e) => e.textContent)).toBe('语言');
      await page.select('#language', 'en');
      await page.click('#save');
      await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Settings');
      await page.close();
    }, 30_000);
  });

  describe('Firefox ESR', () => {
    it('draws the activity table with the notes and asks before marking complete', async () => {
      requireBrowser(FIREFOX, 'apt-get install -y firefox-esr');
      const { browser, base } = await launchFirefox(join(dir, 'firefox-profile'));
      try {
        await importInFirefox(browser, base, await sampleFiles(dir, 'f1'), ALICE);

        const page = await portalPage(browser, CHROME_REC);
        await openRequestForm(page);
        expect(await submitRequest(page, { due: isoDay(5), notes: NOTES })).toContain('30');
        await navigate(page, '/remediation/remediation-activities');
        await waitForOverlayText(page, 'tr.activity', 'Google Chrome', 20_000);
        const details = await expand(page, await activityRow(page, 'Google Chrome'));
        expect(await (await details.$('.requester-notes'))?.evaluate((e) => e.textContent)).toBe(NOTES);
        await (await details.$('form.mark-complete button'))?.click();
        expect(await overlayText(page, '.confirm')).toContain('30 devices are still exposed');
        await (await overlay(page, '.confirm button.confirm-yes')).click();
        await waitForOverlayText(page, 'tr.details', `Completed by: ${ALICE}`);
        await page.close();
      } finally {
        await browser.close();
      }
    }, 150_000);
  });
});
