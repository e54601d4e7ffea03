import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { presetPolicy } from '../sla/policy.ts';
import { DEFAULT_SETTINGS, parseArchiveSettings } from './settings-file.ts';

const parse = (text: string) => parseArchiveSettings(text, 'remdesk.json');
const problem = (text: string) => {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof InputError) return e.issues[0];
    throw e;
  }
  throw new Error('accepted');
};

describe('remdesk.json', () => {
  it('R-SLA-1: no sla setting is no SLA', () => {
    expect(parse('{}')).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.sla).toEqual(presetPolicy('none'));
  });

  it('R-SLA-1: a preset alone gives its days', () => {
    expect(parse('{"sla": {"preset": "defectdojo"}}')).toEqual({
      slaPreset: 'defectdojo',
      sla: presetPolicy('defectdojo'),
    });
  });

  it('R-SLA-1: days and "none" change the preset where given, and only there', () => {
    const s = parse(
      JSON.stringify({
        sla: { preset: 'cisa-bod-19-02', activity: { High: 14 }, exposure: { Medium: 60, Critical: 'none' } },
      }),
    );
    const cisa = presetPolicy('cisa-bod-19-02');
    expect(s.sla.activity).toEqual({ ...cisa.activity, High: { kind: 'days', days: 14 } });
    expect(s.sla.exposure).toEqual({
      ...cisa.exposure,
      Medium: { kind: 'days', days: 60 },
      Critical: { kind: 'none' },
    });
  });

  it('R-SLA-1: 0 days is refused, naming the line and field: "none" says no SLA', () => {
    const text =
      '{\n  "sla": {\n    "preset": "defectdojo",\n    "exposure": {\n      "High": 0\n    }\n  }\n}\n';
    expect(problem(text)).toMatchObject({
      file: 'remdesk.json',
      line: 5,
      field: 'High',
      path: '$.sla.exposure.High',
    });
    expect(problem(text)?.message).toMatch(/"none"/);
  });

  it.each([
    ['{"sla": {"preset": "dojo"}}', 'preset', /defectdojo, cisa-bod-19-02, none/],
    ['{"sla": {"presett": "none"}}', 'presett', /unknown setting/],
    ['{"sla": {"activity": {"Urgent": 3}}}', 'Urgent', /High, Medium, Low/],
    ['{"sla": {"activity": {"High": 2.5}}}', 'High', /whole number/],
    ['{"sla": {"activity": {"High": "7"}}}', 'High', /whole number/],
    ['{"sla": {"exposure": {"Low": 3651}}}', 'Low', /1 to 3650/],
    ['{"sla": []}', 'sla', /object/],
    ['[]', null, /object/],
  ])('refuses %s', (text, field, message) => {
    const p = problem(text);
    expect(p?.field ?? null).toBe(field);
    expect(p?.message).toMatch(message);
    expect(p?.line).toBe(text === '[]' ? null : 1);
  });

  it('refuses text that is not JSON, with its line', () => {
    expect(problem('{\n  "sla": {,}\n}')).toMatchObject({ line: 2 });
  });
});
