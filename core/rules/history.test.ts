import { describe, expect, it } from 'vitest';
import {
  device,
  exposure,
  NOW,
  REC_ID,
  rec,
  stateWith,
  tracked,
  USER,
} from '../../test/support/core/builders.ts';
import { applyChanges } from '../model/apply-changes.ts';
import type { AuditEvent } from '../model/audit-event.ts';
import { sequentialIds } from '../model/id-source.ts';
import type { ChangeSet, State } from '../model/state.ts';
import { addDaysToInstant, calendarDate } from '../model/time.ts';
import { applyImport } from './apply-import.ts';
import { markComplete } from './mark-complete.ts';
import { requestRemediation } from './request-remediation.ts';
import { applyRetention } from './retention.ts';
import { setTaskStatus } from './task-status.ts';

/** Every activity or task a ChangeSet writes or deletes is explained by an event at that time. */
function expectTraced(cs: ChangeSet, at = NOW): void {
  const explained = new Set(
    cs.events.flatMap((e: AuditEvent) => [
      'activityId' in e ? e.activityId : null,
      'taskId' in e ? e.taskId : null,
    ]),
  );
  const touched = [
    ...(cs.put?.activities ?? []).map((a) => a.id),
    ...(cs.put?.activityDevices ?? []).map((r) => r.activityId),
    ...(cs.put?.tasks ?? []).map((t) => t.id),
    ...(cs.delete?.activities ?? []),
  ];
  expect(touched.length).toBeGreaterThan(0);
  for (const id of touched) expect(explained, `no event for ${id}`).toContain(id);
  for (const e of cs.events) expect(e).toMatchObject({ at });
}

describe('R-HIST-1: every change of an activity is kept as an event with time and actor', () => {
  it('R-HIST-1: request, task status, progress, completion and removal, in one life', () => {
    let state: State = stateWith({
      recommendations: [rec()],
      devices: [device(1), device(2)],
      exposures: [exposure(1), exposure(2)],
    });
    const commit = (cs: ChangeSet, at = NOW) => {
      expectTraced(cs, at);
      state = applyChanges(state, cs);
    };
    const ids = sequentialIds('h');
    const req = requestRemediation(
      {
        recommendationId: REC_ID,
        type: 'Update',
        groups: 'all',
        priority: 'High',
        dueOn: calendarDate('2024-07-01'),
        notes: '',
        createIntuneTask: true,
      },
      { state, now: NOW, actor: USER, ids, settings: { intuneEnabled: true } },
    );
    if (!req.ok || !req.value.task) throw new Error('refused');
    commit(req.value.changes);

    const accepted = setTaskStatus(req.value.task, 'active', '', USER, NOW);
    if (!accepted.ok) throw new Error('refused');
    commit(accepted.value);

    const exposures = {
      kind: 'exposures',
      exposures: [exposure(2)],
      devices: state.devices,
      observedAt: NOW,
    } as const;
    commit(applyImport(state, exposures, NOW, ids));
    commit(applyImport(state, { ...exposures, exposures: [] }, NOW, ids));
    expect(state.activities[0]?.status).toBe('Completed');

    const later = addDaysToInstant(NOW, 181);
    commit(applyRetention(state, later), later);
    expect(state.activities).toEqual([]);

    expect(state.events.map((e) => [e.type, e.actor])).toEqual(
      expect.arrayContaining([
        ['activity.created', USER],
        ['task.created', USER],
        ['task.status', USER],
        ['activity.progress', 'system'],
        ['activity.completed', 'system'],
        ['activity.removed', 'system'],
      ]),
    );
    expect(state.events).toHaveLength(7);
  });
  it('R-HIST-1: a manual completion is kept with its user', () => {
    const r = markComplete(tracked('a'), USER, NOW);
    if (!r.ok) throw new Error('refused');
    expectTraced(r.value);
    expect(r.value.events[0]?.actor).toBe(USER);
  });
});
