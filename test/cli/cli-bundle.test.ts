import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliBundle } from '../../bin/cli-bundle.mjs';
import { tempDir } from './helpers.ts';

/** A command line of two modules, one naming its own folder as compile-site.ts does. */
async function sources(root: string, version: string): Promise<void> {
  await mkdir(join(root, 'cli'), { recursive: true });
  await writeFile(join(root, 'cli', 'where.ts'), 'export const where: string = import.meta.dirname;\n');
  await writeFile(
    join(root, 'cli', 'main.ts'),
    `import { where } from './where.ts';\nexport const answer = (): string => \`\${where} ${version}\`;\n`,
  );
}

describe('the command line runs from a bundle of its TypeScript', () => {
  it('bundles on the first run, reuses the bundle while the sources stay, and bundles anew when one changes', async () => {
    const root = await tempDir('cli-bundle');
    await sources(root, 'v1');
    const first = await cliBundle(root);
    // Paths in the code are still its source's place.
    expect((await import(first)).answer()).toBe(`${join(root, 'cli')} v1`);
    const madeAt = (await stat(fileURLToPath(first))).mtimeMs;

    expect(await cliBundle(root)).toBe(first);
    expect((await stat(fileURLToPath(first))).mtimeMs).toBe(madeAt);

    await sources(root, 'v2');
    const second = await cliBundle(root);
    expect(second).not.toBe(first);
    expect((await import(second)).answer()).toBe(`${join(root, 'cli')} v2`);
    // The earlier bundle is gone; the source map names the TypeScript sources.
    await expect(stat(fileURLToPath(first))).rejects.toThrow(/ENOENT/);
    const map = JSON.parse(await readFile(`${fileURLToPath(second)}.map`, 'utf8')) as { sources: string[] };
    expect(map.sources.map((s) => join(fileURLToPath(second), '..', s)).sort()).toEqual([
      join(root, 'cli', 'main.ts'),
      join(root, 'cli', 'where.ts'),
    ]);
  });
});
