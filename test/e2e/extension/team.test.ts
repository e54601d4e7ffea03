/**
 * End to end, the team archive (R-MERGE-*): two admins, each in their own browser profile with the
 * built extension, start from the team state `remdesk export` wrote, each request, make exceptions
 * and complete; each exports their changes from the popup; both bundles import into one archive in
 * either order and give the same snapshot; the report shows both admins' work; both load the new
 * team state and see the same data, their unexported changes still there. Chromium for the whole
 * flow, Firefox ESR for its main path. The actions go to the service worker as the overlays send
 * them (the overlays' own forms are tested in overlays.test.ts); the popup is driven as a user would.
 */
import { existsSync } from 'node:fs';
import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../../../extension/build.ts';
import { remdesk } from '../../cli/helpers.ts';
import { exposureExport, recommendationsJson } from '../../fixtures/portal/sample-data.ts';
import { launchFirefox, openInFirefox } from './firefox.ts';
import { isoDay, launchChromium, tempDir, writeFixture, writeFixtures } from './harness.ts';

const CHROME = '/usr/bin/chromium';
const CHROME_REC = 'va-_-google-_-chrome';
const EDGE_REC = 'va-_-microsoft-_-edge_chromium-based';
const AGENT_REC = 'va-_-contoso-_-agent';

type Message = Record<string, unknown> & { type: string };

/** A request to the worker from an extension page, as the overlays and the popup send them. */
async function send<T>(page: Page, message: Message): Promise<T> {
  const reply = (await page.evaluate((m) => {
    const g = globalThis as unknown as {
      browser?: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
      chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
    };
    return (g.browser ?? g.chrome).runtime.sendMessage(m);
  }, message)) as { ok: boolean; value: T; error?: string };
  if (!reply.ok) throw new Error(`${message.type}: ${reply.error}`);
  return reply.value;
}

const request = (recommendationId: string, notes: string): Message => ({
  type: 'remediation.request',
  recommendationId,
  remediationType: 'Update',
  groups: [],
  priority: 'High',
  dueOn: isoDay(30),
  notes,
  intuneTask: false,
});

const exception = (recommendationId: string): Message => ({
  type: 'exception.create',
  recommendationId,
  justification: 'RiskAccepted',
  context: 'accepted for now',
  expiry: { kind: 'days', days: 30 },
  scope: { kind: 'global' },
});

/** The popup, loading a team state from a file as a user does: choose it, confirm, wait. */
async function loadTeamFile(popup: Page, zip: string): Promise<void> {
  const input = (await popup.waitForSelector('#team-file', {
    timeout: 20_000,
  })) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(zip);
  await (await popup.waitForSelector('.confirm-yes', { timeout: 20_000 }))?.click();
  await popup.waitForSelector('[data-team-loaded]', { timeout: 60_000 });
}

const pendingShown = (popup: Page, n: number) =>
  popup.waitForSelector(`[data-pending="${n}"]`, { timeout: 20_000 });

/** The export's file, from the popup's button, into `downloads` (Chromium). */
async function exportChanges(popup: Page, downloads: string): Promise<string> {
  const cdp = await popup.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  const before = new Set(existsSync(downloads) ? await readdir(downloads) : []);
  await popup.click('#export-changes');
  const exported = await popup.waitForSelector('[data-exported]', { timeout: 20_000 });
  const name = (await exported?.evaluate((e) => e.getAttribute('data-exported'))) as string;
  for (let i = 0; i < 100; i++) {
    const now = existsSync(downloads) ? await readdir(downloads) : [];
    if (now.includes(name) && !before.has(name)) return join(downloads, name);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} was not downloaded`);
}

interface Seen {
  readonly activities: readonly {
    readonly activity: { readonly id: string; readonly requesterEmail: string };
  }[];
  readonly exceptions: readonly { readonly exception: { readonly id: string; readonly createdBy: string } }[];
}
async function seen(popup: Page): Promise<Seen> {
  return {
    activities: await send(popup, { type: 'activities.list' }),
    exceptions: await send(popup, { type: 'exceptions.list' }),
  };
}
const ids = (s: Seen) => ({
  activities: s.activities.map((a) => a.activity.id).sort(),
  exceptions: s.exceptions.map((x) => x.exception.id).sort(),
});

async function latestTables(archive: string): Promise<Record<string, string>> {
  const snapshots = join(archive, 'snapshots');
  const latest = (await readdir(snapshots)).sort().at(-1) as string;
  const out: Record<string, string> = {};
  for (const f of (await readdir(join(snapshots, latest))).filter((n) => n.endsWith('.csv')))
    out[f] = await readFile(join(snapshots, latest, f), 'utf8');
  return out;
}

describe('the team archive end to end', () => {
  let dir: string;
  let archive: string;
  let team: string;

  beforeAll(async () => {
    if (!existsSync(CHROME)) throw new Error(`${CHROME} is missing: apt-get install -y chromium`);
    await buildExtension(['chrome', 'firefox']);
    dir = await tempDir('remdesk-team-');
    archive = join(dir, 'archive');
    const recs = await writeFixture(dir, 'recommendations.json', recommendationsJson());
    const exposures = await writeFixtures(
      dir,
      exposureExport('team', { seenAt: new Date(Date.now() - 86_400_000) }),
    );
    const imported = await remdesk(['import', recs, ...exposures, '--data', archive]);
    if (imported.code !== 0) throw new Error(imported.stderr);
    team = join(dir, 'team-1.zip');
    const exported = await remdesk(['export', '--data', archive, '--out', team]);
    if (exported.code !== 0) throw new Error(exported.stderr);
    // The archive as the team state was taken: each test merges into its own copy of it.
    await cp(archive, join(dir, 'archive-start'), { recursive: true });
  }, 180_000);

  it('R-MERGE-1/2/3: two admins’ work reaches one archive in either order, and both start again from it with their own changes kept', async () => {
    const downloads = join(dir, 'downloads');
    const admins = [
      { email: 'alice@contoso.com', profile: join(dir, 'alice') },
      { email: 'bob@contoso.com', profile: join(dir, 'bob') },
    ];
    const bundles: string[] = [];
    const openPopup = async (browser: Browser, extensionId: string) => {
      const popup = await browser.newPage();
      await popup.goto(`chrome-extension://${extensionId}/pages/popup.html`);
      return popup;
    };

    // Each admin, in their own profile: load the team state, work, export, then one change more.
    for (const [i, admin] of admins.entries()) {
      const { browser, extensionId } = await launchChromium(admin.profile);
      try {
        const popup = await openPopup(browser, extensionId);
        await send(popup, { type: 'settings.setEmail', email: admin.email });
        await loadTeamFile(popup, team);
        await pendingShown(popup, 0);
        // Both request Chrome for every group: possible duplicates of each other (R-MERGE-2).
        const mine = await send<{ activityId: string }>(popup, request(CHROME_REC, `${admin.email} asks`));
        if (i === 0) await send(popup, exception(EDGE_REC));
        else {
          const other = await send<{ activityId: string }>(popup, request(AGENT_REC, 'done already'));
          await send(popup, {
            type: 'activity.markComplete',
            activityId: other.activityId,
            email: admin.email,
          });
        }
        await pendingShown(popup, i === 0 ? 2 : 3);
        bundles.push(await exportChanges(popup, downloads));
        expect(bundles.at(-1)).toMatch(
          new RegExp(
            `remdesk-changes-${admin.email.replace('.', '\\.')}-\\d{4}-\\d{2}-\\d{2}T\\d{6}Z\\.jsonl$`,
          ),
        );
        // Made after the export: it stays pending until a later export reaches the archive.
        await send(popup, { type: 'activity.markComplete', activityId: mine.activityId, email: admin.email });
        await pendingShown(popup, i === 0 ? 3 : 4);
      } finally {
        await browser.close();
      }
    }

    // The bundles, in either order, into two copies of the archive: the same latest snapshot.
    const other = join(dir, 'archive-other-order');
    await cp(archive, other, { recursive: true });
    const times = [1, 2].map((m) => new Date(Date.now() + m * 60_000).toISOString());
    for (const [target, order] of [
      [archive, bundles],
      [other, [...bundles].reverse()],
    ] as const) {
      for (const [n, bundle] of order.entries()) {
        const r = await remdesk(['import', bundle, '--data', target, '--at', times[n] as string]);
        expect(r.code, r.stderr).toBe(0);
      }
    }
    expect(await latestTables(other)).toEqual(await latestTables(archive));

    // The report shows both admins' work, by name.
    const site = join(dir, 'site');
    const report = await remdesk(['report', '--data', archive, '--out', site]);
    expect(report.code, report.stderr).toBe(0);
    const activitiesCsv = await readFile(join(site, 'csv', 'activities.csv'), 'utf8');
    expect(activitiesCsv).toContain('alice@contoso.com');
    expect(activitiesCsv).toContain('bob@contoso.com');
    const overview = await readFile(join(site, 'en', 'index.html'), 'utf8');
    expect(overview).toMatch(/data-changes-by="(alice|bob)@contoso.com"/);
    const diff = await remdesk(['diff', '--data', archive]);
    expect(diff.stdout).toMatch(/Changes by (alice|bob)@contoso.com/);

    // Both load the new team state: the same data, each with their own unexported change on top.
    const team2 = join(dir, 'team-2.zip');
    expect((await remdesk(['export', '--data', archive, '--out', team2])).code).toBe(0);
    const views: Seen[] = [];
    for (const [i, admin] of admins.entries()) {
      const { browser, extensionId } = await launchChromium(admin.profile);
      try {
        const popup = await openPopup(browser, extensionId);
        await loadTeamFile(popup, team2);
        await pendingShown(popup, 1);
        const s = await seen(popup);
        views.push(s);
        const requesters = new Set(s.activities.map((a) => a.activity.requesterEmail));
        expect(requesters.has('alice@contoso.com') && requesters.has('bob@contoso.com')).toBe(true);
        const own = s.activities.filter((a) => a.activity.requesterEmail === admin.email);
        expect(own.length).toBe(i === 0 ? 1 : 2);
      } finally {
        await browser.close();
      }
    }
    expect(ids(views[0] as Seen)).toEqual(ids(views[1] as Seen));
  }, 600_000);

  it('Firefox ESR: loads the team state from a file and exports a bundle the archive merges', async () => {
    const { browser, base } = await launchFirefox(join(dir, 'fox'));
    try {
      const popup = await browser.newPage();
      await openInFirefox(popup, `${base}/pages/popup.html`, '#team-file');
      await send(popup, { type: 'settings.setEmail', email: 'fox@contoso.com' });
      await loadTeamFile(popup, team);
      await send(popup, request(EDGE_REC, 'from Firefox'));
      await pendingShown(popup, 1);
      const out = await send<{ stagingId: string; fileName: string; changes: number }>(popup, {
        type: 'changes.export',
      });
      expect(out.changes).toBe(1);
      const text = await popup.evaluate(async (id) => {
        const db = await new Promise<IDBDatabase>((ok, fail) => {
          const r = indexedDB.open('remdesk-staging', 1);
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
        });
        const file = await new Promise<{ blob: Blob }>((ok, fail) => {
          const r = db.transaction('files').objectStore('files').get(id);
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
        });
        return file.blob.text();
      }, out.stagingId);
      const bundle = await writeFixture(dir, out.fileName, text);
      const fox = join(dir, 'archive-fox');
      await cp(join(dir, 'archive-start'), fox, { recursive: true });
      const r = await remdesk(['import', bundle, '--data', fox]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('fox@contoso.com');
    } finally {
      await browser.close();
    }
  }, 300_000);
});
