import { describe, expect, it } from 'vitest';
import {
  device,
  exc,
  exposure,
  GLOBAL,
  group,
  groupsScope,
  NOW,
  REC_ID,
  rec,
  stateWith,
  USER,
} from '../../test/support/core/builders.ts';
import type { Justification } from '../model/exception.ts';
import { sequentialIds } from '../model/id-source.ts';
import { recommendationId } from '../model/ids.ts';
import type { State } from '../model/state.ts';
import { calendarDate, instant } from '../model/time.ts';
import {
  createException,
  type ExceptionInput,
  exceptionCoverage,
  latestExpiry,
  offeredExceptionGroups,
} from './create-exception.ts';

// Servers: devices 1, 2; Laptops: 3 — all exposed. Kiosks: 4, not exposed.
const base = stateWith({
  recommendations: [rec()],
  devices: [device(1, 'Servers'), device(2, 'Servers'), device(3, 'Laptops'), device(4, 'Kiosks')],
  exposures: [exposure(1), exposure(2), exposure(3)],
});

const input = (over: Partial<ExceptionInput> = {}): ExceptionInput => ({
  recommendationId: REC_ID,
  justification: 'ThirdPartyControl',
  context: 'EDR blocks the exploit',
  expiry: { days: 30 },
  scope: groupsScope('Servers'),
  ...over,
});

const create = (over: Partial<ExceptionInput> = {}, state: State = base, isAdmin = false) =>
  createException(input(over), { state, now: NOW, actor: USER, ids: sequentialIds('t'), isAdmin });

const fields = (r: ReturnType<typeof create>) => (r.ok ? [] : r.errors.map((e) => e.field));

describe('createException', () => {
  it('R-EXC-1: creates an exception for one recommendation with justification, context and expiry, and its event', () => {
    const r = create({ justification: 'AlternateMitigation' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { exception, changes } = r.value;
    expect(exception).toMatchObject({
      id: 't-exception-000001',
      recommendationId: REC_ID,
      justification: 'AlternateMitigation',
      context: 'EDR blocks the exploit',
      createdOn: NOW,
      createdBy: USER,
      expiresOn: '2024-07-15',
      scope: { kind: 'groups', groups: ['Servers'] },
      canceled: null,
      canceledGroups: [],
    });
    expect(changes.put?.exceptions).toEqual([exception]);
    expect(changes.events).toEqual([
      { type: 'exception.created', exceptionId: exception.id, id: 't-event-000001', at: NOW, actor: USER },
    ]);
  });

  it.each([
    'ThirdPartyControl',
    'AlternateMitigation',
    'RiskAccepted',
    'PlannedRemediation',
  ] as Justification[])('R-EXC-1: justification %s is accepted', (justification) => {
    expect(create({ justification }).ok).toBe(true);
  });

  it('R-EXC-1: 30, 60 or 90 days from today', () => {
    for (const [days, day] of [
      [30, '2024-07-15'],
      [60, '2024-08-14'],
      [90, '2024-09-13'],
    ] as const) {
      const r = create({ expiry: { days } });
      expect(r.ok && r.value.exception.expiresOn).toBe(day);
    }
  });

  it('R-EXC-1: a chosen expiry date is at most one year away and not in the past', () => {
    const on = (d: string) => create({ expiry: { on: calendarDate(d) } });
    expect(on('2025-06-15').ok).toBe(true);
    expect(on('2024-06-15').ok).toBe(true);
    expect(fields(on('2025-06-16'))).toEqual(['expiry.on']);
    expect(fields(on('2024-06-14'))).toEqual(['expiry.on']);
  });

  it('R-EXC-1: an expiry past the last day core keeps (LIMITS.latestInstant) is refused, naming the field', () => {
    const late = (expiry: ExceptionInput['expiry']) =>
      createException(input({ expiry }), {
        state: base,
        now: instant('2199-11-15T08:00:00Z'),
        actor: USER,
        ids: sequentialIds('t'),
        isAdmin: false,
      });
    expect(late({ days: 30 }).ok).toBe(true);
    expect(fields(late({ days: 90 }))).toEqual(['expiry.on']);
  });

  it('R-EXC-1: the one-year limit from 29 February ends on 28 February', () => {
    expect(latestExpiry(instant('2024-02-29T08:00:00Z'))).toBe('2025-02-28');
    expect(latestExpiry(instant('2024-12-31T23:59:59Z'))).toBe('2025-12-31');
  });

  it('R-EXC-1: other day counts and unknown justifications are refused, naming the field', () => {
    const bad = { expiry: { days: 45 }, justification: 'Because' } as unknown as Partial<ExceptionInput>;
    expect(fields(create(bad)).sort()).toEqual(['expiry.days', 'justification']);
  });

  it('R-EXC-1 (PD): context may be empty and is at most 1,000 characters', () => {
    expect(create({ context: '' }).ok).toBe(true);
    expect(create({ context: 'x'.repeat(1000) }).ok).toBe(true);
    expect(fields(create({ context: 'x'.repeat(1001) }))).toEqual(['context']);
  });

  it('R-EXC-1: the recommendation must be known', () => {
    expect(fields(create({ recommendationId: recommendationId('va-_-nobody-_-nothing') }))).toEqual([
      'recommendationId',
    ]);
  });

  it('R-EXC-2: the groups must exist now and be at least one', () => {
    expect(fields(create({ scope: groupsScope('Servers', 'Mars') }))).toEqual(['scope.groups']);
    expect(fields(create({ scope: { kind: 'groups', groups: [] } }))).toEqual(['scope.groups']);
    expect(create({ scope: groupsScope('Kiosks') }).ok).toBe(true);
  });

  it('every problem is reported at once, each with its field', () => {
    const r = create({
      context: 'x'.repeat(1001),
      expiry: { on: calendarDate('2030-01-01') },
      scope: groupsScope('Mars'),
    });
    expect(fields(r).sort()).toEqual(['context', 'expiry.on', 'scope.groups']);
  });

  it('domain §5: a global exception needs an administrator', () => {
    expect(fields(create({ scope: GLOBAL }))).toEqual(['scope']);
    const r = create({ scope: GLOBAL }, base, true);
    expect(r.ok && r.value.exception.scope).toEqual({ kind: 'global' });
  });

  it('R-EXC-3: a second global exception is refused while one is in effect; group ones are allowed (suspended)', () => {
    const state = { ...base, exceptions: [exc('g', { scope: GLOBAL })] };
    expect(fields(create({ scope: GLOBAL }, state, true))).toEqual(['scope']);
    expect(create({ scope: groupsScope('Servers') }, state).ok).toBe(true);
  });
});

describe('offeredExceptionGroups', () => {
  it('R-EXC-2: groups that already have an exception for the recommendation are not offered again', () => {
    const state = { ...base, exceptions: [exc('e1', { scope: groupsScope('Servers') })] };
    expect(offeredExceptionGroups(base, REC_ID, NOW)).toEqual(['Kiosks', 'Laptops', 'Servers']);
    expect(offeredExceptionGroups(state, REC_ID, NOW)).toEqual(['Kiosks', 'Laptops']);
    expect(fields(create({ scope: groupsScope('Servers') }, state))).toEqual(['scope.groups']);
  });

  it('R-EXC-2: an exception of another recommendation does not hide a group', () => {
    const other = exc('e1', { recommendationId: recommendationId('va-_-mozilla-_-firefox') });
    expect(offeredExceptionGroups({ ...base, exceptions: [other] }, REC_ID, NOW)).toContain('Servers');
  });

  it('R-EXC-2/R-EXC-3: a suspended group exception still holds its group; an expired or canceled one frees it', () => {
    const suspended = { ...base, exceptions: [exc('g', { scope: GLOBAL }), exc('e1')] };
    expect(offeredExceptionGroups(suspended, REC_ID, NOW)).not.toContain('Servers');
    const ended = {
      ...base,
      exceptions: [
        exc('old', { expiresOn: calendarDate('2024-06-14') }),
        exc('half', {
          scope: groupsScope('Laptops', 'Kiosks'),
          canceledGroups: [{ on: NOW, by: USER, group: group('Laptops') }],
        }),
      ],
    };
    expect(offeredExceptionGroups(ended, REC_ID, NOW)).toEqual(['Laptops', 'Servers']);
  });
});

describe('exceptionCoverage', () => {
  it('R-EXC-2: covering every group of the recommendation is full, some of them partial, global always full', () => {
    expect(exceptionCoverage(base, REC_ID, groupsScope('Servers'))).toBe('partial');
    expect(exceptionCoverage(base, REC_ID, groupsScope('Servers', 'Laptops'))).toBe('full');
    expect(exceptionCoverage(base, REC_ID, groupsScope('Kiosks'))).toBe('partial');
    expect(exceptionCoverage(base, REC_ID, GLOBAL)).toBe('full');
  });

  it('R-EXC-2: an exposed device the device list lacks is in UnassignedGroup, which a full exception covers too', () => {
    const unknown = { ...base, exposures: [...base.exposures, exposure(9)] };
    expect(exceptionCoverage(unknown, REC_ID, groupsScope('Servers', 'Laptops'))).toBe('partial');
    expect(exceptionCoverage(unknown, REC_ID, groupsScope('Servers', 'Laptops', 'UnassignedGroup'))).toBe(
      'full',
    );
  });
});
