import { describe, expect, it } from 'vitest';
import { PRIORITIES } from '../model/activity.ts';
import { SEVERITY_LEVELS } from '../model/exposure.ts';
import { presetPolicy, SLA_PRESETS, samePolicy } from './policy.ts';

describe('SLA presets', () => {
  it('R-SLA-1: DefectDojo gives critical 7, high 30, medium 90, low 120 days', () => {
    const p = presetPolicy('defectdojo');
    expect(SEVERITY_LEVELS.map((s) => p.exposure[s])).toEqual([
      { kind: 'days', days: 120 },
      { kind: 'days', days: 90 },
      { kind: 'days', days: 30 },
      { kind: 'days', days: 7 },
    ]);
  });

  it('R-SLA-1: CISA BOD 19-02 sets 15 days for critical and 30 for high, none below', () => {
    const p = presetPolicy('cisa-bod-19-02');
    expect(p.exposure).toEqual({
      Critical: { kind: 'days', days: 15 },
      High: { kind: 'days', days: 30 },
      Medium: { kind: 'none' },
      Low: { kind: 'none' },
    });
  });

  it('R-SLA-1: "none" is no SLA everywhere, never 0 days', () => {
    const p = presetPolicy('none');
    for (const s of SEVERITY_LEVELS) expect(p.exposure[s]).toEqual({ kind: 'none' });
    for (const pr of PRIORITIES) expect(p.activity[pr]).toEqual({ kind: 'none' });
  });

  it('R-SLA-1: an activity of priority P gets the days of severity P', () => {
    for (const preset of SLA_PRESETS) {
      const p = presetPolicy(preset);
      for (const pr of PRIORITIES) expect(p.activity[pr]).toEqual(p.exposure[pr]);
    }
  });

  it('tells policies apart by their days', () => {
    expect(samePolicy(presetPolicy('defectdojo'), presetPolicy('defectdojo'))).toBe(true);
    expect(samePolicy(presetPolicy('defectdojo'), presetPolicy('cisa-bod-19-02'))).toBe(false);
    expect(samePolicy(presetPolicy('none'), presetPolicy('cisa-bod-19-02'))).toBe(false);
  });
});
