import { describe, expect, it } from 'vitest';
import { defenderFixture } from '../../../test/fixtures/defender-api/fixtures.ts';
import { inputErrorOf } from '../../../test/support/core/input-error.ts';
import { envelope } from '../../../test/support/core/vendor-files.ts';
import { readJsonDocument } from './json-document.ts';
import { parseRecommendations } from './recommendations.ts';

const parse = (text: string, file = 'recs.json') =>
  parseRecommendations(readJsonDocument(text, file).records, file);
const sample = JSON.parse(defenderFixture('recommendations_list.latest.verbatim.json')).value[0];
const withFields = (over: object) => envelope('Recommendations', [{ ...sample, ...over }]);

describe('parseRecommendations', () => {
  it('imports the vendor sample with its real values', () => {
    const [r, ...rest] = parse(defenderFixture('recommendations_list.latest.verbatim.json'));
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      id: 'va-_-microsoft-_-edge_chromium-based',
      recommendationName: 'Update Microsoft Edge Chromium-based to version 127.0.2651.74',
      weaknesses: 762,
      recommendationCategory: 'Application',
      remediationType: 'Update',
      status: 'Active',
      publicExploit: true,
      activeAlert: false,
      associatedThreats: ['71d9120e-7eea-4058-889a-1a60bbf7e312'],
      exposureImpact: 1.1744086343876479,
      totalMachineCount: 261,
      exposedMachinesCount: 193,
      exposedCriticalDevices: 116,
      tags: ['internetFacing'],
      hasUnpatchableCve: false,
    });
  });

  it('accepts null strings, missing optional fields and unknown extra fields', () => {
    const { exposedCriticalDevices, tags, hasUnpatchableCve, ...older } = sample;
    const [r] = parse(
      envelope('Recommendations', [{ ...older, subCategory: null, vendor: null, newApiField: [1] }]),
    );
    expect(r).toMatchObject({
      subCategory: '',
      vendor: '',
      exposedCriticalDevices: null,
      tags: [],
      hasUnpatchableCve: null,
    });
  });

  it('refuses an unknown enum value, naming file, line, path and field', () => {
    const e = inputErrorOf(() => parse(withFields({ remediationType: 'Foo' })));
    expect(e.message).toBe(
      'recs.json:4: $.value[0].remediationType: remediationType: "Foo" is not one of ConfigurationChange, Update, Upgrade, Uninstall',
    );
  });

  it('refuses wrong types and missing required fields', () => {
    expect(inputErrorOf(() => parse(withFields({ weaknesses: '762' }))).message).toMatch(
      /recs\.json:4: \$\.value\[0\]\.weaknesses: weaknesses: expected a number, got "762"$/,
    );
    expect(inputErrorOf(() => parse(withFields({ publicExploit: null }))).issues[0]).toMatchObject({
      field: 'publicExploit',
      line: 4,
    });
    const { id, ...noId } = sample;
    expect(inputErrorOf(() => parse(envelope('Recommendations', [noId]))).message).toMatch(
      / id: is missing$/,
    );
    expect(inputErrorOf(() => parse(withFields({ totalMachineCount: -1 }))).issues[0]?.field).toBe(
      'totalMachineCount',
    );
    expect(inputErrorOf(() => parse(withFields({ tags: ['a', 3] }))).issues[0]?.path).toBe(
      '$.value[0].tags[1]',
    );
  });

  it('refuses a duplicate id, naming both lines', () => {
    const text = envelope('Recommendations', [sample, { ...sample, productName: 'again' }]);
    const e = inputErrorOf(() => parse(text));
    expect(e.issues[0]).toMatchObject({ file: 'recs.json', field: 'id', path: '$.value[1].id' });
    expect(e.message).toMatch(/duplicate id "va-_-microsoft-_-edge_chromium-based" \(first at line 4\)$/);
    expect(e.issues[0]?.line).toBeGreaterThan(4);
  });
});
