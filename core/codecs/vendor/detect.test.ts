import { describe, expect, it } from 'vitest';
import { defenderFixture } from '../../../test/fixtures/defender-api/fixtures.ts';
import { inputErrorOf } from '../../../test/support/core/input-error.ts';
import { vendorBatch as parseVendorJson } from '../../../test/support/core/vendor-batch.ts';
import type { ActivityId } from '../../model/ids.ts';
import { detectVendorKind } from './detect.ts';
import { readJsonDocument } from './json-document.ts';

const FIXTURES = {
  'recommendations_list.latest.verbatim.json': 'recommendations',
  'remediationTasks_list.verbatim.json': 'activities',
  'remediationTasks_messy.json': 'activities',
  'machineReferences_list.json': 'machineReferences',
  'machines_list.json': 'machines',
  'export_SoftwareVulnerabilitiesByMachine.clean.json': 'exposures',
  'export_SoftwareVulnerabilityChanges.delta.json': 'exposureDelta',
} as const;

/** The fixture's records without the envelope, so only their fields can tell the kind. */
const bareArray = (name: string): string => JSON.stringify(JSON.parse(defenderFixture(name)).value);

describe('detectVendorKind and parseVendorJson', () => {
  for (const [name, kind] of Object.entries(FIXTURES)) {
    it(`imports ${name} as ${kind}, by @odata.context and by fields alone`, () => {
      // The vendor's export samples are single pages: nothing shows them whole.
      const partial = kind === 'exposures' || kind === 'exposureDelta';
      expect(parseVendorJson(defenderFixture(name), name, { partial }).kind).toBe(
        kind === 'exposures' ? 'exposuresSeen' : kind,
      );
      expect(detectVendorKind(readJsonDocument(bareArray(name), name), name)).toBe(kind);
    });
  }

  it('reads a single entity ("get by id") by its @odata.context', () => {
    const task = JSON.parse(defenderFixture('remediationTasks_list.verbatim.json')).value[0];
    const text = JSON.stringify({
      '@odata.context': 'https://x/api/$metadata#RemediationTasks/$entity',
      ...task,
    });
    const batch = parseVendorJson(text, 'one.json');
    expect(batch.kind === 'activities' && batch.activities.map((a: { id: string }) => a.id)).toEqual([
      task.id,
    ]);
  });

  it('links machine references to what the caller says they came from', () => {
    const link = { kind: 'activity', id: '03942ef5-aewb-4w6e-b555-d6a97013844w' as ActivityId } as const;
    const batch = parseVendorJson(defenderFixture('machineReferences_list.json'), 'refs.json', { link });
    expect(batch.kind === 'machineReferences' && batch.link).toEqual(link);
    const alone = parseVendorJson(defenderFixture('machineReferences_list.json'), 'refs.json');
    expect(alone.kind === 'machineReferences' && alone.link).toBeNull();
  });

  it('says clearly when a file is no known vendor file', () => {
    expect(inputErrorOf(() => parseVendorJson('[\n{"name": "x"}]', 'odd.json')).message).toMatch(
      /^odd\.json:2: \$\[0\]: -: not a known vendor file/,
    );
    expect(inputErrorOf(() => parseVendorJson('{"value": []}', 'empty.json')).message).toMatch(/no records/);
  });

  it('imports an empty list whose @odata.context names it', () => {
    const batch = parseVendorJson('{"@odata.context": "x/$metadata#Recommendations", "value": []}', 'r.json');
    expect(batch).toEqual({ kind: 'recommendations', recommendations: [], warnings: [] });
  });
});
