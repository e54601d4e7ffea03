/**
 * The vendor's published samples (a copy of ../shared/samples/defender-api in
 * test/fixtures/defender-api) import through the real path — codec, applyImport, applyChanges —
 * and the resulting state survives a snapshot round trip byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { defenderFixture } from '../../test/fixtures/defender-api/fixtures.ts';
import { vendorBatch } from '../../test/support/core/vendor-batch.ts';
import { applyChanges } from '../model/apply-changes.ts';
import { sequentialIds } from '../model/id-source.ts';
import { emptyState, type State } from '../model/state.ts';
import { instant } from '../model/time.ts';
import { applyImport } from '../rules/apply-import.ts';
import { decodeSnapshot, encodeSnapshot, unzipSnapshot, zipSnapshot } from './snapshot/index.ts';

const SAMPLES = [
  'recommendations_list.latest.verbatim.json',
  'remediationTasks_list.verbatim.json',
  'export_SoftwareVulnerabilitiesByMachine.clean.json',
];
const NOW = instant('2026-11-29T08:00:00Z');

function importAll(names: readonly string[]): State {
  const ids = sequentialIds('test');
  return names.reduce(
    (state, name) =>
      applyChanges(
        state,
        applyImport(state, vendorBatch(defenderFixture(name), name, { partial: true }), NOW, ids),
      ),
    emptyState(),
  );
}

describe('the vendor samples', () => {
  it('each imports on its own, in any order', () => {
    for (const name of SAMPLES) expect(() => importAll([name])).not.toThrow();
    const forward = importAll(SAMPLES);
    const backward = importAll([...SAMPLES].reverse());
    expect(forward.recommendations.map((r) => r.id)).toEqual(['va-_-microsoft-_-edge_chromium-based']);
    expect(forward.activities.map((a) => a.id)).toEqual(['03942ef5-aewb-4w6e-b555-d6a97013844w']);
    expect(forward.devices).toHaveLength(2);
    expect(forward.exposures.map((e) => e.recommendationId).sort()).toEqual([
      'va-_-microsoft-_-.net_framework',
      'va-_-microsoft-_-edge',
    ]);
    // Order of arrival changes nothing but the audit trail's ids and times.
    expect({ ...backward, events: [] }).toEqual({ ...forward, events: [] });
  });

  it('a snapshot of the imported state round-trips byte-identically, as folder and as zip', async () => {
    const state = importAll(SAMPLES);
    const meta = { generatedAt: NOW, source: 'vendor samples' };
    const files = await encodeSnapshot(state, meta);
    const { state: decoded } = await decodeSnapshot(files, 'samples');
    const again = await encodeSnapshot(decoded, meta);
    expect([...again.keys()]).toEqual([...files.keys()]);
    for (const [name, bytes] of files)
      expect(Buffer.from(again.get(name) ?? []).equals(Buffer.from(bytes))).toBe(true);
    const zip = zipSnapshot(files);
    expect(Buffer.from(zipSnapshot(unzipSnapshot(zip, 'samples.zip'))).equals(Buffer.from(zip))).toBe(true);
  });
});
