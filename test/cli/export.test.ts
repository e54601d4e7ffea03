import { access, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { SETTINGS_FILE, unzipSnapshot } from '../../core/index.ts';
import { remdesk, smallArchive, tempDir } from './helpers.ts';

vi.setConfig({ testTimeout: 120_000 });

let data: string;
beforeAll(async () => {
  data = await smallArchive('export');
}, 120_000);

async function exported(): Promise<ReadonlyMap<string, Uint8Array>> {
  const out = join(await tempDir('export-out'), 'team.zip');
  const r = await remdesk(['export', '--data', data, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  return unzipSnapshot(new Uint8Array(await readFile(out)), out);
}

describe('remdesk export carries the SLA policy (R-SLA-1)', () => {
  // Each case sets the archive's own file (the sample writes one).
  it("the archive's remdesk.json travels byte for byte", async () => {
    const text = '{ "sla": { "preset": "cisa-bod-19-02", "activity": { "Low": 200 } } }\n';
    await writeFile(join(data, SETTINGS_FILE), text);
    expect(new TextDecoder().decode((await exported()).get(SETTINGS_FILE))).toBe(text);
  });

  it('an archive without one exports none (no SLA)', async () => {
    await rm(join(data, SETTINGS_FILE), { force: true });
    expect((await exported()).has(SETTINGS_FILE)).toBe(false);
  });

  it('a bad one is refused with its file, line and field, and nothing is written', async () => {
    await writeFile(
      join(data, SETTINGS_FILE),
      '{"sla": {\n  "preset": "defectdojo",\n  "activity": {"High": 0}\n}}',
    );
    const out = join(await tempDir('export-bad'), 'team.zip');
    const r = await remdesk(['export', '--data', data, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(data, SETTINGS_FILE)}:3: $.sla.activity.High: High:`);
    await expect(access(out)).rejects.toThrow();
  });
});
