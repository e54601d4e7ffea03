import { describe, expect, it } from 'vitest';
import { instant, presetPolicy } from '../../core/index.ts';
import {
  CONFIG_REC_ID,
  device,
  exc,
  exposure,
  GLOBAL,
  NOW,
  rec,
  stateWith,
  tracked,
} from '../../test/support/core/builders.ts';
import { recommendationView } from './recommendation-view.ts';

const chrome = rec();
const config = rec({
  id: CONFIG_REC_ID,
  recommendationName: 'Turn on the firewall',
  remediationType: 'ConfigurationChange',
});
const state = stateWith({
  recommendations: [config, chrome],
  devices: [device(1, 'Servers'), device(2, 'Servers'), device(3, 'Laptops')],
  exposures: [exposure(1), exposure(2), exposure(3), exposure(1, CONFIG_REC_ID)],
});

const noSla = presetPolicy('none');

describe('recommendationView', () => {
  it('lists every recommendation, most exposed devices first, and selects none when none is wanted', () => {
    const view = recommendationView(state, null, NOW, false, noSla);
    expect(view.recommendations).toEqual([
      { id: chrome.id, name: chrome.recommendationName, exposedDevices: 3 },
      { id: config.id, name: 'Turn on the firewall', exposedDevices: 1 },
    ]);
    expect(view.selected).toBeNull();
    expect(view.today).toBe('2024-06-15');
    expect(recommendationView(state, 'no-such-recommendation', NOW, false, noSla).selected).toBeNull();
  });

  it('R-REQ-1/2, R-INT-1: the form offers the types, the groups with their exposed devices, Intune when on', () => {
    const off = recommendationView(state, chrome.id, NOW, false, noSla).selected;
    expect(off).toMatchObject({
      id: chrome.id,
      configuration: false,
      types: ['Update', 'Uninstall', 'AttentionRequired'],
      defaultType: 'Update',
      defaultPriority: 'Medium',
      groups: [
        { name: 'Laptops', devices: 1 },
        { name: 'Servers', devices: 2 },
      ],
      intuneOffered: false,
    });
    expect(recommendationView(state, chrome.id, NOW, true, noSla).selected?.intuneOffered).toBe(true);
    expect(recommendationView(state, config.id, NOW, false, noSla).selected).toMatchObject({
      configuration: true,
      types: ['ConfigurationChange'],
    });
  });

  it('R-EXC-2: a global exception in effect is offered no more, nor are groups with one; lists newest first', () => {
    const older = exc('older', { scope: GLOBAL });
    const newer = exc('newer', { createdOn: instant('2024-06-10T00:00:00Z') });
    const a = tracked('a');
    const b = tracked('b', { createdOn: instant('2024-06-12T00:00:00Z') });
    const selected = recommendationView(
      { ...state, exceptions: [older, newer], activities: [a, b] },
      chrome.id,
      NOW,
      false,
      noSla,
    ).selected;
    expect(selected?.globalExceptionOffered).toBe(false);
    expect(selected?.exceptionGroups).not.toContain('Servers');
    expect(selected?.exceptions.map((v) => v.exception.id)).toEqual(['newer', 'older']);
    expect(selected?.activities.map((v) => v.activity.id)).toEqual(['b', 'a']);
  });

  it("R-SLA-2: the form's proposed due date is each priority's SLA days from today, none without an SLA", () => {
    const proposed = (preset: Parameters<typeof presetPolicy>[0]) =>
      recommendationView(state, chrome.id, NOW, false, presetPolicy(preset)).selected?.proposedDue;
    // NOW is 2024-06-15: DefectDojo gives High 30, Medium 90, Low 120 days.
    expect(proposed('defectdojo')).toEqual({ High: '2024-07-15', Medium: '2024-09-13', Low: '2024-10-13' });
    expect(proposed('cisa-bod-19-02')).toEqual({ High: '2024-07-15', Medium: null, Low: null });
    expect(proposed('none')).toEqual({ High: null, Medium: null, Low: null });
  });
});
