import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClientScript } from '../lib/links.ts';
import { bundleClientScripts } from './client-scripts.ts';
import { REPO_ROOT } from './compile-site.ts';

describe('bundleClientScripts: the site scripts, bundled when the renderer is compiled', () => {
  it('bundles every script the pages name into one hashed, minified module, written on request', async () => {
    const scripts = await bundleClientScripts(join(REPO_ROOT, 'site', 'scripts'));
    const names: ClientScript[] = ['theme', 'charts', 'activity-filter', 'table-sort'];
    expect(Object.keys(scripts.paths).sort()).toEqual([...names].sort());
    for (const name of names)
      expect(scripts.paths[name]).toMatch(new RegExp(`^_remdesk/${name}\\.\\w+\\.js$`));

    const out = await mkdtemp(join(tmpdir(), 'remdesk-scripts-'));
    try {
      expect(await readdir(out)).toEqual([]);
      await scripts.write(out);
      const files = (await readdir(join(out, '_remdesk'))).map((f) => `_remdesk/${f}`);
      expect(files.sort()).toEqual(Object.values(scripts.paths).sort());
      const charts = await readFile(join(out, scripts.paths.charts ?? ''), 'utf8');
      // chart.js is bundled in (no bare import left for a browser to fail on), minified.
      expect(charts).not.toMatch(/from\s*["']chart\.js["']/);
      expect(charts.split('\n').length).toBeLessThan(10);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
