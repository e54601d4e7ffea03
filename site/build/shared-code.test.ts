import { mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './compile-site.ts';
import { bundleSharedCode } from './shared-code.ts';

describe('bundleSharedCode: what the rendering threads and the pages share', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it("bundles core, the site's libraries and the threads' entry into modules the pages can import", async () => {
    // Inside the project, where the bundle's package imports resolve, as in the renderer cache.
    const dir = await mkdtemp(join(REPO_ROOT, 'node_modules', '.remdesk-shared-test-'));
    dirs.push(dir);
    const scripts = { charts: '_remdesk/charts.abc.js' };
    const shared = await bundleSharedCode(REPO_ROOT, dir, {
      'import.meta.env.BASE_URL': JSON.stringify('/reports/'),
      __REMDESK_SCRIPTS__: JSON.stringify(scripts),
    });
    expect((await stat(shared.thread)).isFile()).toBe(true);
    const core = shared.modules[join(REPO_ROOT, 'core', 'index.ts')] ?? '';
    const links = shared.modules[join(REPO_ROOT, 'site', 'lib', 'links.ts')] ?? '';
    expect(shared.modules[join(REPO_ROOT, 'site', 'lib', 'report.ts')]).toBeDefined();
    expect(shared.modules[join(REPO_ROOT, 'site', 'i18n', 'index.ts')]).toBeDefined();
    // What Astro gives the pages is given to the bundle too.
    const linksModule = await import(pathToFileURL(links).href);
    expect(linksModule.href('en/')).toBe('/reports/en/');
    expect(linksModule.scriptHref('charts')).toBe('/reports/_remdesk/charts.abc.js');
    const coreModule = await import(pathToFileURL(core).href);
    expect(typeof coreModule.summarize).toBe('function');
    // Bundled again (another build of the same code): the first copy stays, and still works.
    const again = await bundleSharedCode(REPO_ROOT, dir, {
      'import.meta.env.BASE_URL': JSON.stringify('/reports/'),
      __REMDESK_SCRIPTS__: JSON.stringify(scripts),
    });
    expect(again.modules).toEqual(shared.modules);
  });
});
