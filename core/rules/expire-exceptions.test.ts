import { describe, expect, it } from 'vitest';
import { exc, GLOBAL, NOW, stateWith, USER } from '../../test/support/core/builders.ts';
import { applyChanges } from '../model/apply-changes.ts';
import { calendarDate, instant } from '../model/time.ts';
import { expireExceptions } from './expire-exceptions.ts';

describe('expireExceptions', () => {
  const state = stateWith({
    exceptions: [
      exc('old', { expiresOn: calendarDate('2024-06-10') }),
      exc('live', { expiresOn: calendarDate('2024-06-15') }),
      exc('gone', { expiresOn: calendarDate('2024-06-01'), canceled: { on: NOW, by: USER } }),
    ],
  });

  it('R-EXC-4: records one expiry by the system, dated when it stopped being in effect', () => {
    const cs = expireExceptions(state, NOW);
    expect(cs.put).toBeUndefined();
    expect(cs.events).toHaveLength(1);
    expect(cs.events[0]).toMatchObject({
      type: 'exception.expired',
      exceptionId: 'old',
      actor: 'system',
      at: instant('2024-06-11T00:00:00Z'),
    });
  });

  it('R-EXC-4: running it twice adds nothing', () => {
    const once = applyChanges(state, expireExceptions(state, NOW));
    expect(expireExceptions(once, NOW).events).toEqual([]);
    const later = instant('2024-06-16T09:00:00Z');
    expect(
      expireExceptions(once, later).events.map((e) => e.type === 'exception.expired' && e.exceptionId),
    ).toEqual(['live']);
  });

  it('R-EXC-3/R-EXC-4: a group exception that expires while suspended is recorded as expired too', () => {
    const s = stateWith({
      exceptions: [exc('global', { scope: GLOBAL }), exc('group', { expiresOn: calendarDate('2024-06-14') })],
    });
    expect(
      expireExceptions(s, NOW).events.map((e) => e.type === 'exception.expired' && e.exceptionId),
    ).toEqual(['group']);
  });
});
