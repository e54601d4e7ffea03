import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdminSession } from '../../test/support/core/admin-session.ts';
import { REC_ID } from '../../test/support/core/builders.ts';
import { BASE_REF, DESKTOPS, EDGE, LABS, SERVERS, teamBase } from '../../test/support/core/team-base.ts';
import { applyChanges } from '../model/apply-changes.ts';
import type { ChangeBundle } from '../model/change-bundle.ts';
import type { DeviceGroupName } from '../model/ids.ts';
import type { TaskStatus } from '../model/intune-task.ts';
import type { State } from '../model/state.ts';
import { instant } from '../model/time.ts';
import { mergeBundles } from './merge-bundles.ts';

const GROUPS = [SERVERS, LABS, DESKTOPS] as const;
const STATUSES: readonly TaskStatus[] = ['active', 'completed', 'rejected'];

/** One thing an admin does; `pick` chooses among what their state offers then. */
const action = fc.record({
  kind: fc.constantFrom('request', 'complete', 'task', 'except', 'cancel'),
  pick: fc.nat(50),
  groups: fc.integer({ min: 0, max: 7 }),
  // Minutes after the previous action: 0 lets two admins act at the same instant.
  after: fc.integer({ min: 0, max: 90 }),
});

const groupsOf = (mask: number): 'all' | DeviceGroupName[] =>
  mask === 0 ? 'all' : GROUPS.filter((_, i) => mask & (1 << i));

const nth = <T>(items: readonly T[], pick: number): T | undefined => items[pick % Math.max(1, items.length)];

/** Runs an admin's actions through core's rules on their own copy of the team state. */
type Action = typeof action extends fc.Arbitrary<infer T> ? T : never;

function work(who: number, actions: readonly Action[]): ChangeBundle {
  return replay(new AdminSession(teamBase(), `admin${who}@contoso.com`, `install-${who}`, BASE_REF), actions);
}

/** The actions at increasing times from `start` minutes into the day of the team state. */
function replay(s: AdminSession, actions: readonly Action[], start = 0): ChangeBundle {
  let minute = start;
  for (const a of actions) {
    minute += a.after;
    const at = instant(new Date(Date.parse('2024-06-02T00:00:00Z') + minute * 60_000).toISOString());
    const active = s.state.activities.filter((x) => x.status === 'Active');
    const groups = groupsOf(a.groups);
    switch (a.kind) {
      case 'request':
        s.request(a.pick % 2 === 0 ? REC_ID : EDGE, groups, at);
        break;
      case 'complete': {
        const target = nth(active, a.pick);
        if (target) s.complete(target.id, at);
        break;
      }
      case 'task': {
        const task = nth(s.state.tasks, a.pick);
        if (task)
          s.setTask(task.id, nth(STATUSES, a.groups) as TaskStatus, at, a.pick % 3 === 0 ? '' : `n${a.pick}`);
        break;
      }
      case 'except':
        s.except(
          a.pick % 2 === 0 ? REC_ID : EDGE,
          a.groups === 0 ? 'global' : (groups as DeviceGroupName[]),
          at,
        );
        break;
      case 'cancel': {
        const x = nth(s.state.exceptions, a.pick);
        const scope = x?.scope;
        if (x)
          s.cancel(
            x.id,
            scope?.kind === 'groups' ? (nth([null, ...scope.groups], a.groups) ?? null) : null,
            at,
          );
        break;
      }
    }
  }
  return s.bundle(instant('2024-06-20T00:00:00Z'));
}

const mergeInto = (state: State, bundles: readonly ChangeBundle[]): State =>
  applyChanges(
    state,
    mergeBundles(
      state,
      bundles.map((bundle, i) => ({ file: `b${i}`, bundle })),
      { archive: BASE_REF.archive, now: instant('2024-06-20T00:00:00Z') },
    ).changes,
  );

describe('merging change bundles (properties)', () => {
  const admins = fc.array(fc.array(action, { maxLength: 12 }), { minLength: 2, maxLength: 4 });

  it('R-MERGE-1: any bundles, in any order, in one import or one at a time, give the same state', () => {
    fc.assert(
      fc.property(
        admins,
        fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        fc.nat(),
        (work0, swaps, cut) => {
          const bundles = work0.map((actions, i) => work(i, actions));
          const together = mergeInto(teamBase(), bundles);
          // Another order (Fisher–Yates driven by the generated numbers), cut into two imports.
          const shuffled = [...bundles];
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = (swaps[i] ?? 0) % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j] as ChangeBundle, shuffled[i] as ChangeBundle];
          }
          const at = cut % (shuffled.length + 1);
          const apart = mergeInto(mergeInto(teamBase(), shuffled.slice(0, at)), shuffled.slice(at));
          const oneByOne = [...bundles].reverse().reduce((s, b) => mergeInto(s, [b]), teamBase());
          expect(apart).toEqual(together);
          expect(oneByOne).toEqual(together);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('R-MERGE-1: a bundle merged again, alone or with others, changes nothing', () => {
    fc.assert(
      fc.property(admins, (work0) => {
        const bundles = work0.map((actions, i) => work(i, actions));
        const once = mergeInto(teamBase(), bundles);
        expect(mergeInto(once, bundles)).toEqual(once);
        expect(mergeInto(once, [bundles[0] as ChangeBundle])).toEqual(once);
      }),
      { numRuns: 80 },
    );
  });

  it('R-MERGE-1: every admin’s changes reach the merged history; nothing one admin did is dropped', () => {
    fc.assert(
      fc.property(admins, (work0) => {
        const bundles = work0.map((actions, i) => work(i, actions));
        const merged = mergeInto(teamBase(), bundles);
        const ids = new Set(merged.events.map((e) => e.id));
        for (const b of bundles) for (const c of b.changes) expect(ids.has(c.event.id)).toBe(true);
        const activities = new Set(merged.activities.map((a) => a.id));
        for (const b of bundles)
          for (const c of b.changes) if ('activity' in c) expect(activities.has(c.activity.id)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });
});

describe('merging bundles made on chained team states (properties)', () => {
  it('R-MERGE-1: each admin starting from the team state the earlier bundles made, all bundles in one import in any order give the state merged one by one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(action, { maxLength: 10 }), { minLength: 2, maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        (work0, swaps) => {
          let team = teamBase();
          const bundles: ChangeBundle[] = [];
          for (const [i, actions] of work0.entries()) {
            // Later admins work later: they start from what the earlier ones sent.
            const who = new AdminSession(team, `admin${i}@contoso.com`, `install-${i}`, BASE_REF);
            const bundle = replay(who, actions, i * 1_000);
            bundles.push(bundle);
            team = mergeInto(team, [bundle]);
          }
          const shuffled = [...bundles];
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = (swaps[i] ?? 0) % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j] as ChangeBundle, shuffled[i] as ChangeBundle];
          }
          expect(mergeInto(teamBase(), shuffled)).toEqual(team);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('changes in a history (properties)', () => {
  it('R-MERGE-1: one admin’s bundle merged into the state they started from gives the state they see', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 15 }), (actions) => {
        const s = new AdminSession(teamBase(), 'admin0@contoso.com', 'install-0', BASE_REF);
        const bundle = replay(s, actions);
        const merged = mergeInto(teamBase(), [bundle]);
        expect(merged).toEqual(s.state);
      }),
      { numRuns: 150 },
    );
  });
});
