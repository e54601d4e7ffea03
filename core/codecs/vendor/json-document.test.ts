import { describe, expect, it } from 'vitest';
import { defenderFixture } from '../../../test/fixtures/defender-api/fixtures.ts';
import { inputErrorOf } from '../../../test/support/core/input-error.ts';
import {
  findSyntaxError,
  parseJsonText,
  positionOf,
  readJsonDocument,
  recordLines,
} from './json-document.ts';

describe('parseJsonText', () => {
  it('reports a trailing comma (as in the vendor doc examples) with its line and column', () => {
    const file = 'recommendations_trailing_comma.json';
    const e = inputErrorOf(() => parseJsonText(defenderFixture(file), file));
    expect(e.issues[0]).toMatchObject({ file, line: 7 });
    expect(e.message).toBe(`${file}:7: -: malformed JSON at column 50: trailing comma before '}'`);
  });

  it('reports a truncated file as cut short, at its last line', () => {
    const file = 'remediationTasks_truncated.json';
    const text = defenderFixture(file);
    const e = inputErrorOf(() => parseJsonText(text, file));
    expect(e.issues[0]?.line).toBe(text.split('\n').length);
    expect(e.message).toMatch(/cut short/);
  });

  it('names other faults: a missing colon, a bad escape, text after the end', () => {
    expect(inputErrorOf(() => parseJsonText('{\n  "a" 1\n}', 'x.json')).message).toBe(
      'x.json:2: -: malformed JSON at column 7: expected \':\' after the property name, found "1\\n}"',
    );
    expect(inputErrorOf(() => parseJsonText('["\\q"]', 'x.json')).message).toMatch(/bad escape \\q/);
    expect(inputErrorOf(() => parseJsonText('{} {}', 'x.json')).message).toMatch(/after the end/);
  });

  it('places a line of a larger file with firstLine', () => {
    expect(inputErrorOf(() => parseJsonText('{"a":', 'big.json', 41)).issues[0]?.line).toBe(41);
  });

  it('accepts a byte order mark', () => {
    expect(parseJsonText('\uFEFF{"a":1}', 'x.json')).toEqual({ a: 1 });
  });

  it('finds no fault in valid JSON', () => {
    expect(findSyntaxError('{"a":[1,-2.5e3,true,null,"\\u00e9"]}')).toBeNull();
  });
});

describe('positionOf', () => {
  it('counts lines and columns from 1', () => {
    expect(positionOf('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('readJsonDocument', () => {
  it('splits the OData envelope into records with the line each starts on', () => {
    const doc = readJsonDocument(
      defenderFixture('export_SoftwareVulnerabilitiesByMachine.clean.json'),
      'v.json',
    );
    expect(doc.context).toMatch(/AssetVulnerability\)$/);
    expect(doc.records.map((r) => [r.line, r.path])).toEqual([
      [4, '$.value[0]'],
      [27, '$.value[1]'],
    ]);
  });

  it('accepts a bare array and a single entity (the "get by id" endpoints)', () => {
    expect(readJsonDocument('[\n {"a":1},\n\n {"b":[2,3]}]', 'a.json').records).toEqual([
      { value: { a: 1 }, line: 2, path: '$[0]' },
      { value: { b: [2, 3] }, line: 4, path: '$[1]' },
    ]);
    const one = readJsonDocument('\n\n{"@odata.context":"x#RemediationTasks/$entity","id":"1"}', 'one.json');
    expect(one.context).toBe('x#RemediationTasks/$entity');
    expect(one.records).toEqual([
      { value: { '@odata.context': 'x#RemediationTasks/$entity', id: '1' }, line: 3, path: '$' },
    ]);
  });

  it('refuses a file that is neither object nor array', () => {
    expect(inputErrorOf(() => readJsonDocument('42', 'n.json')).message).toMatch(
      /^n\.json:-: \$: -: expected a JSON object/,
    );
  });

  it('ignores brackets and quotes inside strings when finding record lines', () => {
    const text = '{"x":"[","value":[\n{"s":"a\\"],{"},\n{"t":1}]}';
    expect(recordLines(text)).toEqual([2, 3]);
  });
});
