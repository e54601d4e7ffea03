import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileOf, fileWriter, writePages } from './write-pages.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('writePages', () => {
  it('saves folders as index.html, the 404 page as 404.html, files as they are', () => {
    expect(fileOf('')).toBe('index.html');
    expect(fileOf('en/activities/page/2/')).toBe('en/activities/page/2/index.html');
    expect(fileOf('404')).toBe('404.html');
    expect(fileOf('csv/activities/a.csv')).toBe('csv/activities/a.csv');
  });

  it('writes what each address renders, and counts each file', async () => {
    const out = await mkdtemp(join(tmpdir(), 'remdesk-write-pages-'));
    dirs.push(out);
    let written = 0;
    const render = async (path: string) =>
      new Response(`page ${path}`, { status: path === '404' ? 404 : 200 });
    await writePages(['', '404', 'en/a/', 'en/b/', 'csv/x.csv'], render, fileWriter(out), () => written++);
    expect(written).toBe(5);
    expect(await readFile(join(out, 'en/b/index.html'), 'utf8')).toBe('page en/b/');
    expect(await readFile(join(out, '404.html'), 'utf8')).toBe('page 404');
    expect(await readFile(join(out, 'csv/x.csv'), 'utf8')).toBe('page csv/x.csv');
  });

  it('fails the build on a page that does not render, rather than writing it', async () => {
    const out = await mkdtemp(join(tmpdir(), 'remdesk-write-pages-'));
    dirs.push(out);
    const render = async (path: string) => new Response('', { status: path === 'en/gone/' ? 404 : 200 });
    await expect(writePages(['en/', 'en/gone/'], render, fileWriter(out), () => {})).rejects.toThrow(
      '/en/gone/ (HTTP 404)',
    );
  });
});
