import { describe, expect, it } from 'vitest';
import { attention, tracked } from '../../test/support/core/builders.ts';
import { calendarDate, instant } from '../model/time.ts';
import { activityDueBySla, dueDateShown, exposureDueBySla } from './due.ts';
import { presetPolicy } from './policy.ts';

const dojo = presetPolicy('defectdojo');
const cisa = presetPolicy('cisa-bod-19-02');

describe('due dates from the SLA policy', () => {
  it("R-SLA-2: an activity is due its priority's days after the day it was requested", () => {
    // Requested late on 30 January (UTC): the day counts, not the hour.
    expect(activityDueBySla(dojo, 'High', instant('2026-01-30T23:59:00Z'))).toBe('2026-03-01');
    expect(activityDueBySla(dojo, 'Low', instant('2026-01-01T00:00:00Z'))).toBe('2026-05-01');
  });

  it('R-SLA-2: no SLA for the priority gives no due date', () => {
    expect(activityDueBySla(cisa, 'Medium', instant('2026-01-01T00:00:00Z'))).toBeNull();
  });

  it("R-SLA-3: an exposure is due its severity's days after it was first seen", () => {
    expect(exposureDueBySla(dojo, 'Critical', instant('2026-02-25T08:00:00Z'))).toBe('2026-03-04');
    expect(exposureDueBySla(cisa, 'Critical', instant('2026-02-25T08:00:00Z'))).toBe('2026-03-12');
  });

  it('R-SLA-3: no SLA for the severity, or no known severity, gives no due date', () => {
    expect(exposureDueBySla(cisa, 'Low', instant('2026-02-25T08:00:00Z'))).toBeNull();
    expect(exposureDueBySla(dojo, null, instant('2026-02-25T08:00:00Z'))).toBeNull();
  });

  it("R-SLA-2: an activity's own due date is shown as its own, whatever the policy", () => {
    const own = tracked('a1', { dueOn: calendarDate('2024-06-20'), priority: 'Low' });
    expect(dueDateShown(own, dojo)).toEqual({ date: '2024-06-20', source: 'own' });
  });

  it("R-SLA-2: one without gets its priority's SLA date from its request, marked as the SLA's", () => {
    const vendor = tracked('a1', { priority: 'High', createdOn: instant('2024-06-01T09:00:00Z') });
    expect(dueDateShown(vendor, dojo)).toEqual({ date: '2024-07-01', source: 'sla' });
    expect(dueDateShown(vendor, cisa)).toEqual({ date: '2024-07-01', source: 'sla' });
    expect(dueDateShown({ ...vendor, priority: 'Medium' }, cisa)).toEqual({ date: null, source: null });
  });

  it('R-ATTN-1: attention required shows no due date, even with an SLA for its priority', () => {
    expect(dueDateShown(attention('a2', { priority: 'High' }), dojo)).toEqual({ date: null, source: null });
  });
});
