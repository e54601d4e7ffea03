import { describe, expect, it } from 'vitest';
import { exc, GLOBAL, group, groupsScope, NOW, stateWith, USER } from '../../test/support/core/builders.ts';
import { recommendationId } from '../model/ids.ts';
import { calendarDate, instant } from '../model/time.ts';
import {
  coverageInEffect,
  exceptionStatus,
  exceptionStatuses,
  exceptionsInEffect,
  groupStatuses,
} from './exception-status.ts';

const at = (day: string) => instant(`${day}T12:00:00Z`);

describe('exceptionStatus', () => {
  it('R-EXC-4: in effect through its expiry day, Expired the day after', () => {
    const e = exc('e1', { expiresOn: calendarDate('2024-07-01') });
    expect(exceptionStatus(e, at('2024-07-01'), [e])).toBe('InEffect');
    expect(exceptionStatus(e, at('2024-07-02'), [e])).toBe('Expired');
  });

  it('R-EXC-4: a canceled exception is Canceled, even after its expiry', () => {
    const e = exc('e1', { canceled: { on: NOW, by: USER }, expiresOn: calendarDate('2024-07-01') });
    expect(exceptionStatus(e, NOW, [e])).toBe('Canceled');
    expect(exceptionStatus(e, at('2024-08-01'), [e])).toBe('Canceled');
  });

  it('R-EXC-3: a global exception in effect suspends the group exceptions of the same recommendation only', () => {
    const g = exc('global', { scope: GLOBAL });
    const mine = exc('group');
    const other = exc('other-rec', { recommendationId: recommendationId('va-_-mozilla-_-firefox') });
    const all = [g, mine, other];
    expect(exceptionStatus(mine, NOW, all)).toBe('Suspended');
    expect(exceptionStatus(g, NOW, all)).toBe('InEffect');
    expect(exceptionStatus(other, NOW, all)).toBe('InEffect');
  });

  it('R-EXC-3: a suspended group exception resumes when the global one expires, until its own expiry', () => {
    const g = exc('global', { scope: GLOBAL, expiresOn: calendarDate('2024-07-01') });
    const mine = exc('group', { expiresOn: calendarDate('2024-09-01') });
    const all = [g, mine];
    expect(exceptionStatus(mine, at('2024-07-01'), all)).toBe('Suspended');
    expect(exceptionStatus(mine, at('2024-07-02'), all)).toBe('InEffect');
    expect(exceptionStatus(mine, at('2024-09-02'), all)).toBe('Expired');
  });

  it('R-EXC-3: a suspended group exception resumes when the global one is canceled', () => {
    const g = exc('global', { scope: GLOBAL, canceled: { on: NOW, by: USER } });
    const mine = exc('group');
    expect(exceptionStatus(mine, NOW, [g, mine])).toBe('InEffect');
  });

  it('R-EXC-3/R-EXC-4: a group exception that expires while suspended is Expired and does not resume', () => {
    const g = exc('global', { scope: GLOBAL, expiresOn: calendarDate('2024-12-01') });
    const mine = exc('group', { expiresOn: calendarDate('2024-07-01') });
    expect(exceptionStatus(mine, at('2024-08-01'), [g, mine])).toBe('Expired');
    expect(exceptionStatus(mine, at('2024-12-02'), [g, mine])).toBe('Expired');
  });

  it('R-EXC-4: a group exception whose groups were all canceled one by one is Canceled', () => {
    const e = exc('e1', {
      scope: groupsScope('A', 'B'),
      canceledGroups: [
        { on: NOW, by: USER, group: group('A') },
        { on: NOW, by: USER, group: group('B') },
      ],
    });
    expect(exceptionStatus(e, NOW, [e])).toBe('Canceled');
  });

  it('exceptionStatuses agrees with exceptionStatus for every exception', () => {
    const all = [
      exc('global', { scope: GLOBAL }),
      exc('group'),
      exc('old', { expiresOn: calendarDate('2024-01-01') }),
      exc('gone', { canceled: { on: NOW, by: USER } }),
    ];
    const map = exceptionStatuses(all, NOW);
    for (const e of all) expect(map.get(e.id)).toBe(exceptionStatus(e, NOW, all));
    expect([...map.values()]).toEqual(['InEffect', 'Suspended', 'Expired', 'Canceled']);
  });
});

describe('groupStatuses', () => {
  it('R-EXC-4: a group canceled alone is Canceled for that group; the others keep the exception status', () => {
    const e = exc('e1', {
      scope: groupsScope('A', 'B'),
      canceledGroups: [{ on: NOW, by: USER, group: group('A') }],
    });
    expect(groupStatuses(e, NOW, [e])).toEqual([
      { group: 'A', status: 'Canceled' },
      { group: 'B', status: 'InEffect' },
    ]);
    const g = exc('global', { scope: GLOBAL });
    expect(groupStatuses(e, NOW, [e, g])).toEqual([
      { group: 'A', status: 'Canceled' },
      { group: 'B', status: 'Suspended' },
    ]);
  });

  it('a global exception has no per-group statuses', () => {
    const g = exc('global', { scope: GLOBAL });
    expect(groupStatuses(g, NOW, [g])).toEqual([]);
  });
});

describe('exceptionsInEffect and coverageInEffect', () => {
  it('R-EXC-3: suspended, expired and canceled exceptions are not in effect', () => {
    const g = exc('global', { scope: GLOBAL });
    const suspended = exc('group');
    const expired = exc('old', { scope: GLOBAL, expiresOn: calendarDate('2024-01-01') });
    const state = stateWith({ exceptions: [g, suspended, expired] });
    expect(exceptionsInEffect(state, NOW).map((e) => e.id)).toEqual(['global']);
  });

  it('R-EXC-4: a group canceled alone is no longer covered; the rest of the exception is', () => {
    const e = exc('e1', {
      scope: groupsScope('A', 'B'),
      canceledGroups: [{ on: NOW, by: USER, group: group('A') }],
    });
    const cov = coverageInEffect([e], NOW).get(e.recommendationId);
    expect(cov?.global).toEqual([]);
    expect([...(cov?.groups.keys() ?? [])]).toEqual(['B']);
  });
});
