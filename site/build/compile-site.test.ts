import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inputsOf, isCurrent, REPO_ROOT } from './compile-site.ts';

describe('the compiled renderer: reused while the files its compilation read are unchanged', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('records what was read, the configuration and the page listing, and tells a change of any', async () => {
    const dir = await mkdtemp(join(REPO_ROOT, 'node_modules', '.remdesk-inputs-test-'));
    dirs.push(dir);
    const page = join(dir, 'page.astro');
    await writeFile(page, '<p>one</p>');
    const inputs = await inputsOf('/', [page, join(REPO_ROOT, 'core', 'index.ts')]);
    expect(Object.keys(inputs.files)).toEqual(
      expect.arrayContaining(['core/index.ts', 'package-lock.json', 'astro.config.mjs', 'site/pages/']),
    );
    // Packages are covered by the lock file, not file by file.
    expect(Object.keys(inputs.files).some((f) => f.includes('node_modules'))).toBe(false);
    expect(await isCurrent(inputs, '/')).toBe(true);
    // The base is written into the compiled code.
    expect(await isCurrent(inputs, '/reports/')).toBe(false);

    // A file read whose bytes are no longer those recorded.
    const changed = { ...inputs, files: { ...inputs.files, [page]: inputs.files['core/index.ts'] ?? '' } };
    expect(await isCurrent(changed, '/')).toBe(false);
  });
});
