import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { hashTree, latestSnapshotDir, ROOT, remdesk, run, smallArchive, tempDir } from './helpers.ts';

vi.setConfig({ testTimeout: 180_000 });

let data: string;
beforeAll(async () => {
  data = await smallArchive('report');
}, 120_000);

const manifestOf = async (snapshot: string) =>
  JSON.parse(await readFile(join(snapshot, 'manifest.json'), 'utf8')) as {
    files: Record<string, { rows: number }>;
  };

describe('remdesk report', () => {
  it('writes every page, device list, CSV and the snapshot itself, and replaces an earlier build', async () => {
    const out = join(await tempDir('report-out'), 'site');
    const r = await remdesk(['report', '--data', data, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/site: \d+ files built from .* \(base \/\)/);
    // Readable by a web server running as another user, as a folder made by mkdir.
    expect((await stat(out)).mode & 0o777).toBe(0o755);
    const latest = await latestSnapshotDir(data);
    for (const page of [
      'index.html',
      '404.html',
      'index.json',
      'en/index.html',
      'zh-cn/exceptions/index.html',
    ])
      expect((await readdir(join(out, dirname(page)))).includes(page.split('/').pop() ?? '')).toBe(true);
    // One device CSV per activity, rendered by the device-list threads.
    const activities = (await manifestOf(latest)).files['activities.csv']?.rows;
    expect((await readdir(join(out, 'csv', 'activities'))).length).toBe(activities);
    // The snapshot's own files, byte for byte; the compiled scripts and styles beside the pages.
    expect(await readFile(join(out, 'snapshot', 'manifest.json'))).toEqual(
      await readFile(join(latest, 'manifest.json')),
    );
    expect((await readdir(join(out, '_astro'))).some((f) => f.endsWith('.css'))).toBe(true);
    // One compiled script per client script of the site.
    const scripts = (await readdir(join(ROOT, 'site/scripts'))).filter((f) => /(?<!\.test)\.ts$/.test(f));
    expect((await readdir(join(out, '_remdesk'))).filter((f) => f.endsWith('.js')).length).toBe(
      scripts.length,
    );

    await writeFile(join(out, 'left-over.txt'), 'from before');
    const again = await remdesk(['report', '--data', data, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(await readdir(out)).not.toContain('left-over.txt');
    expect(await readdir(dirname(out))).toEqual(['site']);
  });

  // Each file is decoded by one thread alone: events.csv by the one rendering the overview and
  // activity pages, activity-devices.csv by a device-list thread, which hands it to the other.
  it.each(['events.csv', 'activity-devices.csv'])(
    'reports a bad %s as core words it and leaves the earlier site as it was',
    async (file) => {
      const out = join(await tempDir('report-bad'), 'site');
      expect((await remdesk(['report', '--data', data, '--out', out])).code).toBe(0);
      const before = await hashTree(out);
      const broken = join(await tempDir('report-broken'), 'archive');
      await cp(data, broken, { recursive: true });
      const tampered = join(await latestSnapshotDir(broken), file);
      await writeFile(tampered, `${await readFile(tampered, 'utf8')}tampered`);
      const r = await remdesk(['report', '--data', broken, '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${file}:-: sha256: checksum `);
      expect(r.stderr).toMatch(/differs from manifest\.json's/);
      expect(r.stderr).toMatch(/nothing was written/);
      expect(await hashTree(out)).toEqual(before);
      expect(await readdir(dirname(out))).toEqual(['site']);
    },
  );

  it('reports a bad fixes.csv naming its line and field; the earlier site stays', async () => {
    const out = join(await tempDir('report-bad-fixes'), 'site');
    expect((await remdesk(['report', '--data', data, '--out', out])).code).toBe(0);
    const before = await hashTree(out);
    const broken = join(await tempDir('report-broken-fixes'), 'archive');
    await cp(data, broken, { recursive: true });
    const fixes = join(await latestSnapshotDir(broken), 'fixes.csv');
    const text = await readFile(fixes, 'utf8');
    const lines = text.trimEnd().split('\r\n').length;
    await writeFile(fixes, `${text}va-_-x-_-x,not-a-device,Servers,High,,2026-03-01T00:00:00.000Z\r\n`);
    const r = await remdesk(['report', '--data', broken, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`fixes.csv:${lines + 1}: deviceId: `);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(await hashTree(out)).toEqual(before);
  });

  it('refuses to replace a folder that is not a report site', async () => {
    const out = await tempDir('report-other');
    await writeFile(join(out, 'notes.txt'), 'mine');
    const r = await remdesk(['report', '--data', data, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holds no report site/);
    expect(await readdir(out)).toEqual(['notes.txt']);
  });
});

/**
 * Whether a PDF shows `text`: as poppler's pdftotext reads it when installed, else from the
 * characters the PDF's fonts map their glyphs to (its ToUnicode maps, in its inflated streams).
 */
async function pdfShows(file: string, text: string): Promise<boolean> {
  const poppler = await run('pdftotext', [file, '-']).catch(() => null);
  if (poppler?.code === 0) return poppler.stdout.replace(/\s+/g, '').includes(text);
  const bytes = await readFile(file);
  const raw = bytes.toString('latin1');
  const mapped = new Set<number>();
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const inflated = (() => {
      try {
        return inflateSync(bytes.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
      } catch {
        return '';
      }
    })();
    // A CMap's lines: `<code> <char>` (bfchar) and `<first> <last> <char of first>` (bfrange).
    for (const [, first, last, char] of inflated.matchAll(/^<(\w{2,4})> (?:<(\w{2,4})> )?<(\w{4})>$/gm)) {
      const from = Number.parseInt(char ?? '', 16);
      const count = last === undefined ? 1 : Number.parseInt(last, 16) - Number.parseInt(first ?? '', 16) + 1;
      for (let k = 0; k < count; k++) mapped.add(from + k);
    }
  }
  return [...text].every((c) => mapped.has(c.codePointAt(0) ?? 0));
}

describe('remdesk report: the summary to forward', () => {
  it('writes each language’s summary page, its digest as Markdown, mail HTML and a Teams card, and its PDF', async () => {
    const out = join(await tempDir('report-summary'), 'site');
    const r = await remdesk(['report', '--data', data, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(': summary PDFs en/summary/summary.en.pdf, zh-cn/summary/summary.zh-cn.pdf\n');
    expect((await readdir(join(out, 'zh-cn', 'summary'))).sort()).toEqual([
      'card.zh-cn.json',
      'digest.zh-cn.html',
      'digest.zh-cn.md',
      'index.html',
      'summary.zh-cn.pdf',
    ]);
    const day = (await latestSnapshotDir(data)).split('/').pop()?.slice(0, 10);
    expect(await readFile(join(out, 'en/summary/digest.en.md'), 'utf8')).toMatch(
      new RegExp(`^# Remediation summary · ${day}\n\nSnapshot of ${day} `),
    );
    expect(await readFile(join(out, 'zh-cn/summary/digest.zh-cn.html'), 'utf8')).toMatch(
      /^<!doctype html>\n<html lang="zh-CN">\n[\s\S]*<h1 style="[^"]*">修正摘要 · /,
    );
    const card = JSON.parse(await readFile(join(out, 'en/summary/card.en.json'), 'utf8'));
    expect(card.type).toBe('message');
    expect(card.attachments[0].content.version).toBe('1.5');
    // The page shows the digest's own words, and links to the files beside it.
    const page = await readFile(join(out, 'zh-cn/summary/index.html'), 'utf8');
    expect(page).toContain(`<h1>修正摘要 · ${day}</h1>`);
    for (const file of ['digest.zh-cn.html', 'digest.zh-cn.md', 'card.zh-cn.json'])
      expect(page).toContain(`href="/zh-cn/summary/${file}"`);

    // One page each, the Chinese one in Chinese (a CJK font installed: Debian's fonts-noto-cjk).
    for (const lang of ['en', 'zh-cn']) {
      const pdf = join(out, lang, 'summary', `summary.${lang}.pdf`);
      const bytes = await readFile(pdf);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(bytes.toString('latin1').match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
    }
    expect(await pdfShows(join(out, 'zh-cn/summary/summary.zh-cn.pdf'), '修正摘要')).toBe(true);
    expect(await pdfShows(join(out, 'en/summary/summary.en.pdf'), 'Remediationsummary')).toBe(true);
  });

  it('skips the PDFs with a note, still exit 0, without Chromium or with --no-pdf', async () => {
    const out = join(await tempDir('report-no-pdf'), 'site');
    const missing = join(out, 'no-chromium');
    const r = await remdesk(['report', '--data', data, '--out', out], undefined, {
      REMDESK_CHROMIUM: missing,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `remdesk report: the summary PDFs are skipped: REMDESK_CHROMIUM (${missing}) is not an executable file\n`,
    );
    expect(await readdir(join(out, 'en', 'summary'))).not.toContain('summary.en.pdf');
    const quiet = await remdesk(['report', '--data', data, '--out', out, '--no-pdf']);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout + quiet.stderr).not.toMatch(/PDF/);
    expect(await readdir(join(out, 'zh-cn', 'summary'))).not.toContain('summary.zh-cn.pdf');
  });
});
