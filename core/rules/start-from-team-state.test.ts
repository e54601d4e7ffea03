import { describe, expect, it } from 'vitest';
import { AdminSession } from '../../test/support/core/admin-session.ts';
import { REC_ID } from '../../test/support/core/builders.ts';
import { BASE_REF, DESKTOPS, EDGE, teamBase } from '../../test/support/core/team-base.ts';
import { applyChanges } from '../model/apply-changes.ts';
import { email } from '../model/ids.ts';
import { instant } from '../model/time.ts';
import { mergeBundles } from './merge-bundles.ts';
import { PendingElsewhereError, pendingChanges, startFromTeamState } from './start-from-team-state.ts';

const at = (day: number) => instant(`2024-06-${String(day).padStart(2, '0')}T09:00:00Z`);
const alice = { admin: email('alice@contoso.com'), install: 'install-a' };

describe('starting from the team state', () => {
  // Alice and Bob both start from the base; Bob's bundle reaches the archive, which moves on.
  const a = new AdminSession(teamBase(), alice.admin, alice.install, BASE_REF);
  a.request(REC_ID, [DESKTOPS], at(3));
  const b = new AdminSession(teamBase(), 'bob@contoso.com', 'install-b', BASE_REF);
  b.request(EDGE, 'all', at(3));
  const archive = applyChanges(
    teamBase(),
    mergeBundles(teamBase(), [{ file: 'b', bundle: b.bundle(at(4)) }], {
      archive: BASE_REF.archive,
      now: at(6),
    }).changes,
  );
  const next = { state: archive, ref: { ...BASE_REF, snapshot: '2024-06-04T000000Z' } };
  const base = { ref: BASE_REF, events: new Set(teamBase().events.map((e) => e.id)) };

  it('R-MERGE-1: keeps the admin’s changes not yet in the team state, applied on top, and they stay pending', () => {
    const out = startFromTeamState(next, a.state, base, alice, at(5));
    expect(out.kept).toBe(a.bundle(at(5)).changes.length);
    expect(out.state.activities.map((x) => x.requesterEmail).sort()).toEqual([
      'alice@contoso.com',
      'alice@contoso.com',
      'bob@contoso.com',
    ]);
    const nowBase = { ref: next.ref, events: new Set(next.state.events.map((e) => e.id)) };
    expect(pendingChanges(out.state, nowBase).changes.map((c) => c.event.actor)).toEqual(
      a.bundle(at(5)).changes.map(() => 'alice@contoso.com'),
    );
  });

  it('R-MERGE-1: once the team state has them, nothing is pending and loading again changes nothing', () => {
    const withAlice = applyChanges(
      archive,
      mergeBundles(archive, [{ file: 'a', bundle: a.bundle(at(5)) }], {
        archive: BASE_REF.archive,
        now: at(6),
      }).changes,
    );
    const team = { state: withAlice, ref: { ...BASE_REF, snapshot: '2024-06-05T000000Z' } };
    const out = startFromTeamState(team, a.state, base, alice, at(5));
    expect(out.state).toEqual(applyChanges(withAlice, { events: [] }));
    const teamBaseNow = { ref: team.ref, events: new Set(withAlice.events.map((e) => e.id)) };
    expect(pendingChanges(out.state, teamBaseNow).changes).toEqual([]);
  });

  it('refuses to drop changes made on another archive, unless told to leave them out (exported first)', () => {
    const elsewhere = { ref: { archive: 'another', snapshot: 'x' }, events: base.events };
    expect(() => startFromTeamState(next, a.state, elsewhere, alice, at(5))).toThrow(PendingElsewhereError);
    const out = startFromTeamState(next, a.state, elsewhere, alice, at(5), {
      leaveOutPendingElsewhere: true,
    });
    expect(out.kept).toBe(0);
    expect(out.state).toEqual(
      startFromTeamState(next, next.state, { ref: next.ref, events: new Set() }, alice, at(5)).state,
    );
  });
});
