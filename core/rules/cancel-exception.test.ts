import { describe, expect, it } from 'vitest';
import { exc, GLOBAL, group, groupsScope, NOW } from '../../test/support/core/builders.ts';
import { sequentialIds } from '../model/id-source.ts';
import { email } from '../model/ids.ts';
import { calendarDate } from '../model/time.ts';
import { cancelException } from './cancel-exception.ts';
import { exceptionStatus, groupStatuses } from './exception-status.ts';

const BOB = email('bob@contoso.com');

describe('cancelException', () => {
  it('R-EXC-4: canceling the whole exception records who and when', () => {
    const e = exc('e1', { scope: groupsScope('A', 'B') });
    const r = cancelException(e, null, BOB, NOW, sequentialIds('t'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const updated = r.value.put?.exceptions?.[0];
    expect(updated?.canceled).toEqual({ on: NOW, by: BOB });
    expect(updated && exceptionStatus(updated, NOW, [updated])).toBe('Canceled');
    expect(r.value.events).toEqual([
      {
        type: 'exception.canceled',
        exceptionId: e.id,
        group: null,
        id: 't-event-000001',
        at: NOW,
        actor: BOB,
      },
    ]);
  });

  it('R-EXC-4: canceling one group leaves the others in effect', () => {
    const e = exc('e1', { scope: groupsScope('A', 'B') });
    const r = cancelException(e, group('A'), BOB, NOW);
    if (!r.ok) throw new Error('refused');
    const updated = r.value.put?.exceptions?.[0];
    if (!updated) throw new Error('no row');
    expect(updated.canceled).toBeNull();
    expect(updated.canceledGroups).toEqual([{ on: NOW, by: BOB, group: 'A' }]);
    expect(groupStatuses(updated, NOW, [updated]).map((g) => g.status)).toEqual(['Canceled', 'InEffect']);
    expect(r.value.events[0]).toMatchObject({ type: 'exception.canceled', group: 'A', actor: BOB, at: NOW });
  });

  it('R-EXC-4: canceling the last remaining group cancels the whole exception', () => {
    const e = exc('e1', {
      scope: groupsScope('A', 'B'),
      canceledGroups: [{ on: NOW, by: BOB, group: group('A') }],
    });
    const r = cancelException(e, group('B'), BOB, NOW);
    if (!r.ok) throw new Error('refused');
    const updated = r.value.put?.exceptions?.[0];
    expect(updated?.canceled).toEqual({ on: NOW, by: BOB });
    expect(updated?.canceledGroups.map((c) => c.group)).toEqual(['A', 'B']);
    expect(r.value.events[0]).toMatchObject({ type: 'exception.canceled', group: 'B' });
  });

  it('R-EXC-4: an expired or canceled exception cannot be canceled', () => {
    const expired = exc('old', { expiresOn: calendarDate('2024-06-14') });
    const canceled = exc('gone', { canceled: { on: NOW, by: BOB } });
    for (const e of [expired, canceled]) {
      const r = cancelException(e, null, BOB, NOW);
      expect(r.ok ? [] : r.errors.map((x) => x.field)).toEqual(['exception']);
    }
  });

  it('R-EXC-3/R-EXC-4: a suspended group exception can be canceled', () => {
    expect(cancelException(exc('e1'), null, BOB, NOW).ok).toBe(true);
  });

  it('R-EXC-4: a group must belong to the exception, not be canceled already, and a global one has none', () => {
    const e = exc('e1', {
      scope: groupsScope('A', 'B'),
      canceledGroups: [{ on: NOW, by: BOB, group: group('A') }],
    });
    for (const [target, g] of [
      [e, group('Z')],
      [e, group('A')],
      [exc('g', { scope: GLOBAL }), group('A')],
    ] as const) {
      const r = cancelException(target, g, BOB, NOW);
      expect(r.ok ? [] : r.errors.map((x) => x.field)).toEqual(['group']);
    }
  });
});
