/**
 * The explorer page and its React island, on the site built from the site tests' archive, in
 * Chromium: finding a device by name and by id and a recommendation, and seeing what core's
 * deviceCoverage says covers it; filtering every activity; axe-core; the page without JavaScript;
 * and React loaded by the explorer's pages alone, within their budget.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeviceCoverage, deviceCoverage, EN_TERMS } from '../../../core/index.ts';
import { en } from '../../../site/i18n/en.ts';
import { EXPLORER_DEVICE_IDS, EXPLORER_FILE, type ExplorerFile } from '../../../site/lib/explorer-file.ts';
import { BUDGETS, jsBudgetOf, kb, pageWeights } from '../../support/weights.ts';
import { BASE, type SiteUnderTest, startSite } from './site-harness.ts';

const require = createRequire(import.meta.url);
let site: SiteUnderTest;
let coverage: ReadonlyMap<string, DeviceCoverage>;

beforeAll(async () => {
  site = await startSite();
  coverage = new Map(deviceCoverage(site.state, site.now).map((d) => [d.name ?? d.deviceId, d]));
}, 240_000);
afterAll(async () => {
  await site?.close();
});

/** The explorer page in a language, hydrated (or not, without JavaScript); failures collected. */
async function explorer(lang: 'en' | 'zh-cn', opts: { js?: boolean; theme?: 'light' | 'dark' } = {}) {
  const page = await site.browser.newPage();
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(String(e)));
  page.on('console', (m) => (m.type() === 'error' ? failures.push(m.text()) : undefined));
  page.on('response', (r) => (r.status() >= 400 ? failures.push(`${r.status()} ${r.url()}`) : undefined));
  await page.setJavaScriptEnabled(opts.js ?? true);
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: opts.theme ?? 'light' }]);
  await page.goto(site.url(`${lang}/explorer/`), { waitUntil: 'load' });
  if (opts.js ?? true) await page.waitForSelector('.explorer-filter table');
  return { page, failures };
}

/** Types into the finder and waits for a result's heading. */
async function find(page: Page, text: string, heading: string) {
  await page.type('input[type="search"]', text);
  await page.waitForFunction(
    (h) => document.querySelector('.explorer-result h3')?.textContent === h,
    { timeout: 10_000 },
    heading,
  );
}

/** A result table's rows, as the text of their cells. */
const rows = (page: Page, heading: string) =>
  page.evaluate((h) => {
    const title = [...document.querySelectorAll('.explorer-result h4')].find((e) => e.textContent === h);
    const table = title?.nextElementSibling?.querySelector('table');
    return [...(table?.tBodies[0]?.rows ?? [])].map((tr) => [...tr.cells].map((td) => td.textContent ?? ''));
  }, heading);

/** act-chrome's row for a device fixed in it: devices 1 to 120 are. */
const chromeFixedRow = () => [
  site.state.activities.find((a) => a.id === 'act-chrome')?.title,
  'Active',
  'Fixed',
  'Software update',
  'High',
  'All device groups',
  'Nov 20, 2026',
];

describe('explorer: finding', () => {
  it('R-REQ-3, R-EXC-2..4: a device found by name shows its activities with its state, and the exceptions of its recommendations with their status for it', async () => {
    const { page, failures } = await explorer('en');
    const name = 'host-2.contoso.com';
    await find(page, name, name);
    const cov = coverage.get(name);
    // By hand: device 2 is in the hostile group, fixed in act-chrome, exposed to SMB (first 40).
    expect(cov?.activities.map(({ activityId, state }) => [activityId, state])).toEqual([
      ['act-chrome', 'fixed'],
    ]);
    expect(await rows(page, en['explorer.targetedBy'])).toEqual([chromeFixedRow()]);
    // exc-expiring (Chrome, both groups), exc-global (SMB), exc-suspended (SMB, Workstations only).
    expect(cov?.exceptions.map((e) => [e.exceptionId, e.status, e.coversGroup])).toEqual([
      ['exc-expiring', 'InEffect', true],
      ['exc-global', 'InEffect', true],
      ['exc-suspended', 'Suspended', false],
    ]);
    const exceptions = await rows(page, en['explorer.exceptionsOf']);
    expect(exceptions.map((r) => [r[1], r[2], r[4]])).toEqual([
      [EN_TERMS.justification.PlannedRemediation, EN_TERMS.exceptionStatus.InEffect, 'Yes'],
      [EN_TERMS.justification.ThirdPartyControl, EN_TERMS.exceptionStatus.InEffect, 'Yes'],
      [EN_TERMS.justification.RiskAccepted, EN_TERMS.exceptionStatus.Suspended, 'No'],
    ]);
    // Its id is fetched to be shown.
    const id = cov?.deviceId ?? '';
    await page.waitForFunction(
      (i) => document.querySelector('.explorer-result dd')?.textContent === i,
      {},
      id,
    );
    expect(failures).toEqual([]);
    await page.close();
  });

  it('finds a device by its id, fetching the ids only then', async () => {
    const { page, failures } = await explorer('en');
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    const cov = coverage.get('host-7.contoso.com');
    expect(fetched).toEqual([]);
    await find(page, cov?.deviceId ?? '', 'host-7.contoso.com');
    expect(fetched).toContain(`${BASE}${EXPLORER_DEVICE_IDS}`);
    expect(await rows(page, en['explorer.targetedBy'])).toEqual([chromeFixedRow()]);
    expect(failures).toEqual([]);
    await page.close();
  });

  it('lists several matches to choose from, and text from the data as text', async () => {
    const { page, failures } = await explorer('en');
    await page.type('input[type="search"]', 'host-4');
    await page.waitForSelector('.explorer-matches button');
    // host-4, host-40..49 and host-400..460 hold "host-4": the first 20 are listed.
    const total = site.state.devices.filter((d) => d.computerDnsName.includes('host-4')).length;
    expect(total).toBe(72);
    const buttons = await page.$$eval('.explorer-matches button', (bs) => bs.map((b) => b.textContent));
    expect(buttons).toHaveLength(20);
    expect(buttons[0]).toBe('Device: host-4.contoso.com');
    expect(await page.$eval('.explorer-find [aria-live] p:last-child', (p) => p.textContent)).toBe(
      'The first 20 of 72 are listed: refine the search.',
    );
    await page.click('.explorer-matches li:nth-child(2) button');
    await page.waitForFunction(
      () => document.querySelector('.explorer-result h3')?.textContent === 'host-40.contoso.com',
    );
    await page.click('input[type="search"]', { count: 3 });
    // The recommendation's name holds "<script>window" too.
    await find(page, '<script>window.__pwned=3', '<script>window.__pwned=3</script>.contoso.com');
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(failures).toEqual([]);
    await page.close();
  });

  it('a recommendation found by name shows its activities and exceptions with their own status', async () => {
    const { page, failures } = await explorer('en');
    await find(page, 'Disable SMBv1', 'Disable SMBv1 <script>window.__pwned=4</script>');
    expect((await rows(page, en['col.activities'])).map((r) => r[0])).toEqual(['Disable SMBv1']);
    expect((await rows(page, en['col.exceptions'])).map((r) => [r[1], r[2], r[3]])).toEqual([
      [
        EN_TERMS.justification.ThirdPartyControl,
        EN_TERMS.exceptionStatus.InEffect,
        EN_TERMS.exceptionScope.global,
      ],
      [EN_TERMS.justification.RiskAccepted, EN_TERMS.exceptionStatus.Suspended, 'Workstations'],
    ]);
    expect(failures).toEqual([]);
    await page.close();
  });
});

describe('explorer: filtering activities', () => {
  it('filters every activity by status, priority, group and text, linking each to its page', async () => {
    const { page, failures } = await explorer('en');
    const shown = () =>
      page.$$eval('.explorer-filter tbody tr', (trs) =>
        trs.map((tr) => tr.querySelector('a')?.getAttribute('href')?.split('/').at(-2)),
      );
    const all = site.state.activities;
    expect((await shown()).sort()).toEqual(all.map((a) => a.id).sort());
    const choose = async (name: string, label: string) => {
      const value = await page.$eval(
        `.explorer-filter select[name="${name}"]`,
        (s, l) => [...(s as HTMLSelectElement).options].find((o) => o.textContent === l)?.value ?? '',
        label,
      );
      await page.select(`.explorer-filter select[name="${name}"]`, value);
    };
    await choose('priority', 'High');
    expect((await shown()).sort()).toEqual(
      all
        .filter((a) => a.priority === 'High')
        .map((a) => a.id)
        .sort(),
    );
    await choose('status', 'Completed');
    expect(await shown()).toEqual(['act-manual']);
    await choose('priority', 'All');
    await choose('status', 'All');
    // act-smb names Workstations; every other activity names no group, so applies to every group.
    await choose('group', 'Workstations');
    expect(await shown()).toHaveLength(all.length);
    await page.type('.explorer-filter input[name="text"]', 'oracle java');
    expect((await shown()).sort()).toEqual(['act-attention', 'act-manual']);
    expect(await page.$eval('.explorer-filter output', (o) => o.textContent)).toBe(
      `2 of ${all.length} shown`,
    );
    expect(failures).toEqual([]);
    await page.close();
  });
});

describe('explorer: page', () => {
  it('axe-core finds no violations, in both languages and themes, with a device shown', async () => {
    const violations: string[] = [];
    for (const lang of ['en', 'zh-cn'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const { page, failures } = await explorer(lang, { theme });
        await find(page, 'host-2.contoso.com', 'host-2.contoso.com');
        await page.addScriptTag({ path: require.resolve('axe-core') });
        const found = await page.evaluate(async () => {
          const { axe } = window as unknown as {
            axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
          };
          return (await axe.run()).violations.map(
            (v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`,
          );
        });
        violations.push(...found.map((v) => `${lang} (${theme}) ${v}`), ...failures);
        await page.close();
      }
    }
    expect(violations).toEqual([]);
  }, 120_000);

  it('leaves no English explorer string on the zh-CN page', async () => {
    const { page } = await explorer('zh-cn');
    await find(page, 'host-2.contoso.com', 'host-2.contoso.com');
    const texts = await page.evaluate(() =>
      [...document.querySelectorAll('body *')].flatMap((el) =>
        [...el.childNodes].flatMap((n) =>
          n.nodeType === Node.TEXT_NODE ? [(n.textContent ?? '').trim()] : [],
        ),
      ),
    );
    const english = Object.entries(en)
      .filter(([k]) => k.startsWith('explorer.') || k === 'nav.explorer')
      .map(([, v]) => v);
    expect(texts.filter((t) => english.includes(t))).toEqual([]);
    await page.close();
  });

  it('without JavaScript says what the explorer does and links to the lists, with no control', async () => {
    const { page, failures } = await explorer('en', { js: false });
    const main = await page.$eval('main', (m) => ({
      text: m.textContent ?? '',
      links: [...m.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      controls: m.querySelectorAll('input, select, button').length,
    }));
    expect(main.text).toContain(en['explorer.intro']);
    expect(main.text).toContain(en['explorer.noscript']);
    expect(main.links).toEqual([
      `${BASE}en/activities/`,
      `${BASE}en/recommendations/`,
      `${BASE}en/exceptions/`,
    ]);
    expect(main.controls).toBe(0);
    expect(failures).toEqual([]);
    await page.close();
  });

  it('writes a data file covering every device core lists, and the ids beside it', async () => {
    const file = JSON.parse(await readFile(join(site.out, EXPLORER_FILE), 'utf8')) as ExplorerFile;
    const ids = await readFile(join(site.out, EXPLORER_DEVICE_IDS), 'utf8');
    expect(file.devices.names).toHaveLength(coverage.size);
    expect(ids).toHaveLength(coverage.size * 40);
    expect(file.activities.titles).toHaveLength(site.state.activities.length);
  });

  it('only the explorer pages load React, within their own budget; every other page keeps its own', async () => {
    const pages = await pageWeights(site.out, BASE);
    const islands: string[] = [];
    for (const p of pages) {
      if ((await readFile(join(site.out, p.page), 'utf8')).includes('<astro-island')) islands.push(p.page);
    }
    expect(islands.sort()).toEqual(['en/explorer/index.html', 'zh-cn/explorer/index.html']);
    for (const page of islands) expect(jsBudgetOf(page)).toBe(BUDGETS.explorerJsGzip);
    // React's client alone is more than the other pages' budget: a weight under it would mean the
    // island's modules were not found and weighed.
    const explorerPages = pages.filter((p) => islands.includes(p.page));
    expect(Math.min(...explorerPages.map((p) => p.js))).toBeGreaterThan(BUDGETS.pageJsGzip);
    const over = pages.filter((p) => p.js > jsBudgetOf(p.page));
    expect(over.map((p) => `${p.page}: JS ${kb(p.js)}`)).toEqual([]);
  });
});
