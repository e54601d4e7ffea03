import { createRequire } from 'node:module';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedBetween, distinctDevicesFixed, type Figures, summarize } from '../../../core/index.ts';
import { en } from '../../../site/i18n/en.ts';
import { zhCn } from '../../../site/i18n/zh-cn.ts';
import { BUDGETS, kb, pageWeights } from '../../support/weights.ts';
import { BASE, type SiteUnderTest, startSite } from './site-harness.ts';
import { DEVICE_COUNT, HOSTILE_TITLE, PREVIOUS } from './test-archive.ts';

const require = createRequire(import.meta.url);
let site: SiteUnderTest;

beforeAll(async () => {
  site = await startSite();
}, 240_000);
afterAll(async () => {
  await site?.close();
});

/** A page that records console errors and uncaught exceptions. */
async function open(path: string, opts: { theme?: 'light' | 'dark'; js?: boolean } = {}) {
  const page = await site.browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.setJavaScriptEnabled(opts.js ?? true);
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: opts.theme ?? 'light' }]);
  await page.goto(site.url(path), { waitUntil: 'load' });
  return { page, errors };
}

const figure = (page: Page, name: string) =>
  page.$eval(`[data-figure="${name}"]`, (el) => Number((el.textContent ?? '').replace(/[^\d]/g, '')));

describe('report site: figures', () => {
  it('shows the overview figures core computes for the same archive', async () => {
    const f = summarize(site.state, site.now);
    const { page, errors } = await open('en/');
    expect(await figure(page, 'active')).toBe(f.activities.byStatus.Active);
    expect(await figure(page, 'overdue')).toBe(f.activities.overdue);
    expect(await figure(page, 'devicesFixed')).toBe(f.activities.devicesFixed);
    // By hand: act-chrome's 120 fixed device rows; every other activity is counts only (no rows),
    // so the fixes summed over activities (150) are more than the devices fixed.
    expect(distinctDevicesFixed(site.state)).toBe(120);
    expect(await figure(page, 'distinctDevicesFixed')).toBe(120);
    expect(f.activities.devicesFixed).toBe(150);
    const labels = await page.$$eval('dl.tiles dt', (dts) => dts.map((dt) => dt.textContent));
    expect(labels).toContain('Device fixes across activities');
    expect(labels).toContain('Distinct devices fixed');
    expect(await figure(page, 'exceptionsInEffect')).toBe(f.exceptions.byStatus.InEffect);
    // By hand: act-manual and the two act-at-latest (at NOW) are in (PREVIOUS, NOW]; act-at-previous
    // (at PREVIOUS) is not: counting [PREVIOUS, NOW) would give 2.
    expect(
      completedBetween(site.state, PREVIOUS, site.now)
        .map((a) => a.id)
        .sort(),
    ).toEqual(['act-at-latest', 'act-at-latest-2', 'act-manual']);
    expect(await figure(page, 'completedInPeriod')).toBe(3);
    expect(f.activities.overdue).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('publishes the same figures as index.json', async () => {
    const body = (await (await fetch(site.url('index.json'))).json()) as {
      figures: Figures;
      completedSincePrevious: number;
      distinctDevicesFixed: number;
    };
    expect(body.figures).toEqual(JSON.parse(JSON.stringify(summarize(site.state, site.now))));
    expect(body.completedSincePrevious).toBe(3);
    expect(body.distinctDevicesFixed).toBe(120);
  });

  it('lists under "What changed" the activities the completed-since figure counts', async () => {
    const { page } = await open('en/');
    const completed = await page.$$eval('section[aria-labelledby="changes"] dt', (dts) =>
      dts.map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`),
    );
    expect(completed).toContain('Completed activities: 3: Update Zoom, Update Slack, Uninstall WinRAR');
    await page.close();
  });

  it('R-TOP-1: lists active activities, most urgent (overdue) first, each linking to its activity', async () => {
    const { page } = await open('en/');
    const first = await page.$eval('ol.top li a', (a) => ({
      text: a.textContent,
      href: a.getAttribute('href'),
    }));
    expect(first.text).toBe(HOSTILE_TITLE);
    expect(first.href).toBe(`${BASE}en/activities/act-chrome/`);
    await page.close();
  });

  it('R-ATTN-1, R-DONE-1..3: progress, due date and "Completed by" cells in the activities table', async () => {
    const { page } = await open('en/activities/');
    const rows = await page.$$eval('table.activities tbody tr', (trs) =>
      trs.map((tr) => ({
        type: tr.getAttribute('data-type'),
        cells: [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()),
      })),
    );
    expect(rows).toHaveLength(site.state.activities.length);
    const attention = rows.find((r) => r.type === 'AttentionRequired');
    // due date, days overdue, progress, ticket status: all empty for attention required
    expect(attention?.cells.slice(5, 9)).toEqual(['', '', '', '']);
    const doneBy = rows.map((r) => r.cells[9]);
    expect(doneBy).toContain('System confirmation');
    expect(doneBy).toContain('bob@contoso.com');
    expect(doneBy).toContain('N/A');
    expect(rows.find((r) => r.cells[0] === HOSTILE_TITLE)?.cells[7]).toContain(
      `120 of ${DEVICE_COUNT} devices fixed`,
    );
    await page.close();
  });

  it('filters and sorts the activities table with the island', async () => {
    const { page, errors } = await open('en/activities/');
    await page.waitForSelector('form.filters:not([hidden])');
    await page.select('select[name="priority"]', 'High');
    await page.waitForFunction(() => document.querySelector('form.filters output')?.textContent !== '');
    const visible = await page.$$eval('table.activities tbody tr:not([hidden])', (trs) => trs.length);
    expect(visible).toBe(site.state.activities.filter((a) => a.priority === 'High').length);
    await page.click('input[name="overdue"]');
    await page.waitForFunction(
      () => document.querySelectorAll('table.activities tbody tr:not([hidden])').length === 1,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('R-INT-2: the activity page tells how many devices were left out of the capped ticket', async () => {
    const { page } = await open('en/activities/act-chrome/');
    const notice = await page.$eval('[role="note"]', (el) => el.textContent);
    expect(notice).toBe(
      'A security task (Intune) carries at most 10,000 devices: 10,000 were sent and 2,500 were left out.',
    );
    await page.close();
  });
});

describe('report site: safety and languages', () => {
  it('renders hostile strings as text: no script from the data runs', async () => {
    for (const path of [
      'en/',
      'en/activities/',
      'en/activities/act-chrome/',
      'en/activities/act-chrome/devices/1/',
      'en/recommendations/',
      'zh-cn/exceptions/',
    ]) {
      const { page } = await open(path);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      await page.close();
    }
    const { page } = await open('en/activities/act-chrome/');
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(HOSTILE_TITLE);
    expect(await page.title()).toContain('Contoso <remediation> & "status"');
    await page.close();
  });

  it('shows the figures with JavaScript off', async () => {
    const { page } = await open('zh-cn/', { js: false });
    expect(await figure(page, 'active')).toBe(summarize(site.state, site.now).activities.byStatus.Active);
    const rows = await page.$$eval('figure.chart table', (ts) =>
      ts.map((t) => t.querySelectorAll('tbody tr').length),
    );
    expect(rows).toEqual([2, 2]);
    await page.close();
  });

  it('draws each trend chart from its data table, which then folds away', async () => {
    const { page } = await open('en/');
    await page.waitForFunction(() => document.querySelectorAll('figure.chart[data-drawn]').length === 2);
    const charts = await page.$$eval('figure.chart', (fs) =>
      fs.map((f) => ({
        canvasShown: !f.querySelector('.canvas')?.hasAttribute('hidden'),
        tableOpen: f.querySelector('details')?.open,
        chartHeight: f.querySelector('canvas')?.getBoundingClientRect().height ?? 0,
      })),
    );
    for (const c of charts) {
      expect(c).toMatchObject({ canvasShown: true, tableOpen: false });
      expect(c.chartHeight).toBeGreaterThan(0);
    }
    await page.close();
  });

  it('leaves no English interface string on zh-CN pages', async () => {
    const english = Object.entries(en)
      .filter(([k, v]) => zhCn[k as keyof typeof zhCn] !== v && k !== 'lang.name')
      .map(([, v]) => v);
    const patterns = english.map(
      (v) => new RegExp(`^${v.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '.*')}$`),
    );
    for (const path of [
      'zh-cn/',
      'zh-cn/activities/',
      'zh-cn/activities/act-chrome/',
      'zh-cn/activities/act-attention/',
      'zh-cn/activities/act-chrome/devices/2/',
      'zh-cn/exceptions/',
      'zh-cn/recommendations/',
    ]) {
      const { page } = await open(path);
      const texts = await page.evaluate(() => {
        const out: string[] = [];
        const skip = (el: Element | null) =>
          el?.closest('script, style, [lang]:not([lang="zh-CN"])') !== null;
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const t = (n.textContent ?? '').trim();
          if (t && !skip(n.parentElement)) out.push(t);
        }
        for (const el of document.querySelectorAll('[aria-label], [title]')) {
          if (!skip(el)) out.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '');
        }
        out.push(document.title);
        return out.filter(Boolean);
      });
      const untranslated = texts.filter((t) => patterns.some((p) => p.test(t)));
      expect({ path, untranslated }).toEqual({ path, untranslated: [] });
      await page.close();
    }
  });
});

describe('report site: links, accessibility, themes', () => {
  it(`resolves every internal link, all under the --base sub-path ${BASE}`, async () => {
    const origin = new URL(site.server.url).origin;
    const seen = new Set<string>();
    const queue = [site.url(''), site.url('en/'), site.url('zh-cn/')];
    const broken: string[] = [];
    const outside: string[] = [];
    while (queue.length > 0) {
      const url = queue.shift() as string;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status !== 200) {
        broken.push(`${res.status} ${url}`);
        continue;
      }
      if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) continue;
      const html = await res.text();
      for (const m of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
        const raw = (m[1] ?? '').replaceAll('&amp;', '&');
        const target = new URL(raw, url);
        if (target.origin !== origin) continue;
        if (!target.pathname.startsWith(BASE)) outside.push(`${raw} on ${url}`);
        target.hash = '';
        if (!seen.has(target.href)) queue.push(target.href);
      }
    }
    expect(broken).toEqual([]);
    expect(outside).toEqual([]);
    expect(seen.size).toBeGreaterThan(30);
  }, 60_000);

  it('axe-core finds no violations on each kind of page, in both languages and both themes', async () => {
    const kinds = [
      '',
      'activities/',
      'activities/act-chrome/',
      'activities/act-attention/',
      'activities/act-chrome/devices/1/',
      'exceptions/',
      'recommendations/',
    ];
    const failures: string[] = [];
    const consoleErrors: string[] = [];
    for (const lang of ['en', 'zh-cn']) {
      for (const theme of ['light', 'dark'] as const) {
        for (const kind of kinds) {
          const { page, errors } = await open(`${lang}/${kind}`, { theme });
          await page.addScriptTag({ path: require.resolve('axe-core') });
          const violations = await page.evaluate(async () => {
            const axe = (
              window as unknown as {
                axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
              }
            ).axe;
            const r = await axe.run();
            return r.violations.map(
              (v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`,
            );
          });
          failures.push(...violations.map((v) => `${lang}/${kind} (${theme}) ${v}`));
          consoleErrors.push(...errors.map((e) => `${lang}/${kind}: ${e}`));
          await page.close();
        }
      }
    }
    expect(failures).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 400_000);

  it('remembers the theme chosen with the switch', async () => {
    const { page } = await open('en/exceptions/', { theme: 'light' });
    await page.click('.theme-toggle');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.goto(site.url('zh-cn/'));
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.$eval('.theme-toggle', (b) => b.getAttribute('aria-pressed'))).toBe('true');
    await page.close();
  });

  it('keeps every page within its budgets: HTML ≤ 14 kB and the JavaScript it loads ≤ 60 kB, gzip', async () => {
    const pages = await pageWeights(site.out, BASE);
    expect(pages.length).toBeGreaterThan(10);
    // Every script the pages name was found and weighed (a wrong address would weigh nothing).
    expect(Math.max(...pages.map((p) => p.js))).toBeGreaterThan(10 * 1024);
    const over = pages.filter((p) => p.html > BUDGETS.pageHtmlGzip || p.js > BUDGETS.pageJsGzip);
    expect(over.map((p) => `${p.page}: HTML ${kb(p.html)}, JS ${kb(p.js)}`)).toEqual([]);
  });

  it('serves nothing outside the site folder', async () => {
    for (const path of [
      '../package.json',
      '%2e%2e/package.json',
      '..%2fpackage.json',
      'en/..%2f..%2f..%2fetc/passwd',
    ]) {
      const res = await fetch(`${site.server.url}${path}`);
      expect(res.status).toBe(404);
    }
    const css = await fetch(site.url('snapshot/activities.csv'));
    expect(css.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  });
});
