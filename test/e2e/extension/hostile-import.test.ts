/**
 * End to end, hostile files imported through the popup of the built extension: a gzip part cut
 * short, damaged, with junk after its end, a gzip bomb, a line of 64 MB, JSON nested 100,000
 * levels deep. Each fails in the popup (phase 'failed', a message naming the file) and leaves the
 * store (every IndexedDB table) as it was. Chromium for all of it, Firefox ESR for one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../../../extension/build.ts';
import {
  bulkExposureRows,
  exposureExport,
  recommendationsJson,
  viaFiles,
} from '../../fixtures/portal/sample-data.ts';
import { oneGzipMember } from '../../support/one-gzip-member.ts';
import { launchFirefox, openFirefoxPopup } from './firefox.ts';
import { importThroughPopup, launchChromium, tempDir, writeFixture, writeFixtures } from './harness.ts';

const MIB = 1024 * 1024;
const dayAgo = new Date(Date.now() - 86_400_000);
const bulk = bulkExposureRows(200, dayAgo);
const rows = bulk.rows.map((r) => JSON.stringify(r));
const gz = gzipSync(`${rows.join('\n')}\n`);
const [listing, part] = viaFiles(bulk.rows, 'hostile', dayAgo);
const deep = '['.repeat(100_000);

/** Each case: the part's bytes, or a vendor JSON file of its own, and what the message must say. */
const CASES: readonly { name: string; part?: Uint8Array; file?: string; expected: RegExp }[] = [
  { name: 'cut in half', part: gz.subarray(0, gz.length >> 1), expected: /not a readable gzip file/ },
  {
    name: 'a byte flipped in the middle',
    part: (() => {
      const b = Buffer.from(gz);
      b[b.length >> 1] = (b[b.length >> 1] as number) ^ 0x55;
      return b;
    })(),
    // Where the damage shows first depends on zlib's bytes: the stream, a line, or the check.
    expected: /not a readable gzip file|malformed JSON|\.gz:\d+: /,
  },
  {
    name: 'zero bytes after its end',
    part: Buffer.concat([gz, Buffer.alloc(64)]),
    expected: /not a readable gzip file/,
  },
  {
    name: 'a gzip bomb (4 GiB from 11 MB)',
    part: oneGzipMember(
      Buffer.from(`${rows.join('\n')}\n`),
      Buffer.alloc(64 * MIB, `${' '.repeat(1023)}\n`),
      64,
    ),
    expected: /over 200 times its compressed size \(\d+ MiB from \d+ KiB so far\): a gzip bomb/,
  },
  {
    name: 'a line of 64 MB',
    part: oneGzipMember(Buffer.from(`${rows.join('\n')}\n`), Buffer.alloc(64 * MIB, 'x'), 1),
    expected: new RegExp(`:${rows.length + 1}: -: the line is longer than 8,388,608 characters`),
  },
  { name: 'a line nested 100,000 deep', part: gzipSync(`${rows[0]}\n${deep}\n`), expected: /:2: / },
  { name: 'vendor JSON nested 100,000 deep', file: deep, expected: /deep\.json:1: / },
  {
    name: 'vendor JSON nested 100,000 deep, closed',
    file: `${deep}${']'.repeat(100_000)}`,
    expected: /deep\.json:1: /,
  },
];

/** Every table of the extension's IndexedDB store, read from one of its pages. */
async function storeContents(page: Page): Promise<unknown> {
  return page.evaluate(
    () =>
      new Promise((done, fail) => {
        const open = indexedDB.open('remdesk');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const all: Record<string, unknown> = {};
          for (const name of names) {
            const req = tx.objectStore(name).getAll();
            req.onsuccess = () => {
              all[name] = req.result;
            };
          }
          tx.oncomplete = () => {
            db.close();
            done(all);
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
  );
}

describe('hostile files through the popup', () => {
  let dir: string;
  beforeAll(async () => {
    if (!existsSync('/usr/bin/chromium'))
      throw new Error('/usr/bin/chromium is missing: apt-get install -y chromium');
    await buildExtension(['chrome', 'firefox']);
    dir = await tempDir('remdesk-hostile-');
  }, 120_000);

  /**
   * The files one case chooses together: the listing with the hostile part, or the file alone.
   * `tag` keeps each import's first file name apart, which the popup's progress is matched by.
   */
  const filesOf = async (c: (typeof CASES)[number], tag: string): Promise<string[]> =>
    c.part
      ? [
          await writeFixture(dir, `${tag}-${listing.name}`, listing.content),
          await writeFixture(dir, part.name, c.part),
        ]
      : [await writeFixture(dir, `${tag}-deep.json`, c.file ?? '')];

  describe('Chromium', () => {
    let browser: Browser;
    let popupUrl: string;
    let page: Page;
    let before: unknown;

    beforeAll(async () => {
      const chromium = await launchChromium(join(dir, 'chromium-profile'));
      browser = chromium.browser;
      popupUrl = `chrome-extension://${chromium.extensionId}/pages/popup.html`;
      const recs = await writeFixture(dir, 'recommendations.json', recommendationsJson());
      await importThroughPopup(browser, popupUrl, [
        recs,
        await writeFixtures(dir, exposureExport('e1', { seenAt: dayAgo })),
      ]);
      page = await browser.newPage();
      await page.goto(popupUrl);
      before = await storeContents(page);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
    });

    for (const [i, c] of CASES.entries())
      it(`${c.name}: fails naming the file, the store unchanged`, async () => {
        const files = await filesOf(c, `chromium-${i}`);
        const named = (files.at(-1) as string).split('/').at(-1) as string;
        const failure = importThroughPopup(browser, popupUrl, [files]);
        await expect(failure).rejects.toThrow(/failed/);
        const message = await failure.catch((e: Error) => e.message);
        expect(message).toContain(named);
        expect(message).toMatch(c.expected);
        expect(await storeContents(page)).toEqual(before);
      }, 90_000);
  });

  describe('Firefox ESR', () => {
    let browser: Browser;
    let base: string;
    beforeAll(async () => {
      if (!existsSync('/usr/bin/firefox-esr')) throw new Error('/usr/bin/firefox-esr is missing');
      ({ browser, base } = await launchFirefox(join(dir, 'firefox-profile')));
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
    });

    it('a part cut in half fails in the popup, naming the file', async () => {
      const { popup, input } = await openFirefoxPopup(browser, base);
      const c = CASES[0] as (typeof CASES)[number];
      await input.uploadFile(...(await filesOf(c, 'firefox')));
      await popup.waitForSelector('.import-progress [data-phase="failed"]', { timeout: 60_000 });
      const text = await popup.$eval('.import-progress', (e) => e.textContent ?? '');
      expect(text).toContain(part.name);
      expect(text).toMatch(c.expected);
    }, 90_000);
  });
});
