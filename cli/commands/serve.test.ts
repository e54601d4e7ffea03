import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseBase } from './report.ts';
import { resolveRequest } from './serve.ts';

let root: string;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'remdesk-serve-'));
  root = join(dir, 'site');
  await mkdir(join(root, 'en'), { recursive: true });
  await writeFile(join(root, 'index.html'), 'root');
  await writeFile(join(root, 'en', 'index.html'), 'en');
  await writeFile(join(dir, 'secret.txt'), 'secret');
});
afterAll(async () => {
  await rm(join(root, '..'), { recursive: true, force: true });
});

describe('serve: resolveRequest', () => {
  it('serves files and folders (their index.html) inside the site', async () => {
    expect(await resolveRequest(root, '/')).toBe(join(root, 'index.html'));
    expect(await resolveRequest(root, '/en/')).toBe(join(root, 'en', 'index.html'));
    expect(await resolveRequest(root, '/en/index.html')).toBe(join(root, 'en', 'index.html'));
    expect(await resolveRequest(root, '/missing/')).toBeNull();
  });

  it('never reaches outside the site folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/en/..%2f..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      '/en%00/',
      '/%E0%A4%A',
    ]) {
      expect(await resolveRequest(root, path)).toBeNull();
    }
  });

  it('serves under a base path only', async () => {
    expect(await resolveRequest(root, '/reports/en/', '/reports/')).toBe(join(root, 'en', 'index.html'));
    expect(await resolveRequest(root, '/reports', '/reports/')).toBe(join(root, 'index.html'));
    expect(await resolveRequest(root, '/en/', '/reports/')).toBeNull();
  });
});

describe('report: normaliseBase', () => {
  it('writes bases as /a/b/ and refuses paths that climb or carry queries', () => {
    expect(normaliseBase('reports/remediation')).toBe('/reports/remediation/');
    expect(normaliseBase('/')).toBe('/');
    expect(() => normaliseBase('/a/../b')).toThrow(/plain path/);
    expect(() => normaliseBase('/a?b')).toThrow(/plain path/);
  });
});
