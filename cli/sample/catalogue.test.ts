import { describe, expect, it } from 'vitest';
import { SEVERITY_LEVELS } from '../../core/index.ts';
import { appliesTo, GROUPS, RECOMMENDATIONS, SERVER_OS, WORKSTATION_OS } from './catalogue.ts';

describe('the sample catalogue', () => {
  const platforms = new Set([...WORKSTATION_OS, ...SERVER_OS].map(([os]) => os));

  it('has recommendations of every severity level, each with its own id', () => {
    expect(new Set(RECOMMENDATIONS.map((s) => s.severity))).toEqual(new Set(SEVERITY_LEVELS));
    expect(new Set(RECOMMENDATIONS.map((s) => s.id)).size).toBe(RECOMMENDATIONS.length);
  });

  it('has every recommendation apply to some platform of the OS mix, and every platform get some', () => {
    for (const spec of RECOMMENDATIONS) expect([...platforms].some((os) => appliesTo(spec, os))).toBe(true);
    for (const os of platforms) expect(RECOMMENDATIONS.some((spec) => appliesTo(spec, os))).toBe(true);
  });

  it('gives each group its own name and device-name prefix', () => {
    expect(new Set(GROUPS.map((g) => g.name)).size).toBe(GROUPS.length);
    expect(new Set(GROUPS.map((g) => g.prefix)).size).toBe(GROUPS.length);
  });
});
