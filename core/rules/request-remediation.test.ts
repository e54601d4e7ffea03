import { describe, expect, it } from 'vitest';
import {
  CONFIG_REC_ID,
  device,
  exposure,
  group,
  NOW,
  REC_ID,
  rec,
  stateWith,
  USER,
} from '../../test/support/core/builders.ts';
import { applyChanges } from '../model/apply-changes.ts';
import { sequentialIds } from '../model/id-source.ts';
import { recommendationId } from '../model/ids.ts';
import { type CalendarDate, calendarDate } from '../model/time.ts';
import {
  type RemediationRequestInput,
  recommendationKeys,
  requestRemediation,
} from './request-remediation.ts';

const state = stateWith({
  recommendations: [rec(), rec({ id: CONFIG_REC_ID, remediationType: 'ConfigurationChange' })],
  devices: [device(1, 'Servers'), device(2, 'Servers'), device(3, 'Laptops'), device(4, 'Laptops')],
  exposures: [exposure(1), exposure(2), exposure(3), exposure(4, CONFIG_REC_ID)],
});
const input = (over: Partial<RemediationRequestInput> = {}): RemediationRequestInput => ({
  recommendationId: REC_ID,
  type: 'Update',
  groups: 'all',
  priority: 'High',
  dueOn: calendarDate('2024-06-30'),
  notes: 'please',
  createIntuneTask: false,
  ...over,
});
const ctx = (intuneEnabled = false, s = state) => ({
  state: s,
  now: NOW,
  actor: USER,
  ids: sequentialIds('t'),
  settings: { intuneEnabled },
});
const fields = (r: ReturnType<typeof requestRemediation>) => (r.ok ? [] : r.errors.map((e) => e.field));

describe('requestRemediation', () => {
  it('R-REQ-3: creates an Active activity by the current user over the exposed devices, changing no device', () => {
    const r = requestRemediation(input(), ctx());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const { activity, changes } = r.value;
    expect(activity).toMatchObject({
      status: 'Active',
      createdOn: NOW,
      requesterEmail: USER,
      title: rec().recommendationName,
      category: 'Software',
      productId: 'google-_-chrome',
      vendorId: 'google',
      nameId: 'chrome',
      rbacGroupNames: [],
      progress: {
        kind: 'devices',
        targetDevices: 3,
        fixedDevices: 0,
        leftScopeDevices: 0,
        vanishedDevices: 0,
      },
    });
    expect(changes.put?.activityDevices?.map((d) => d.state)).toEqual(['exposed', 'exposed', 'exposed']);
    expect(changes.put?.devices).toBeUndefined();
    expect(changes.events.map((e) => e.type)).toEqual(['activity.created']);
    const after = applyChanges(state, changes);
    expect(after.devices).toEqual(state.devices);
    expect(after.activityDevices).toHaveLength(3);
  });
  it('R-REQ-3: targets only the exposed devices in the chosen groups', () => {
    const r = requestRemediation(input({ groups: [group('Laptops')] }), ctx());
    if (!r.ok) throw new Error('refused');
    expect(r.value.activity.rbacGroupNames).toEqual(['Laptops']);
    expect(r.value.changes.put?.activityDevices?.map((d) => d.rbacGroupName)).toEqual(['Laptops']);
  });
  it('R-REQ-3: configuration recommendations give a SecurityConfiguration activity with its scid', () => {
    const r = requestRemediation(
      input({ recommendationId: CONFIG_REC_ID, type: 'ConfigurationChange' }),
      ctx(),
    );
    if (!r.ok) throw new Error('refused');
    expect(r.value.activity).toMatchObject({
      category: 'SecurityConfiguration',
      scid: 'scid-2000',
      productId: null,
    });
    expect(recommendationKeys(recommendationId('va-_-microsoft-_-silverlight'))).toEqual({
      scid: null,
      productId: 'microsoft-_-silverlight',
      vendorId: 'microsoft',
      nameId: 'silverlight',
    });
  });
  it('R-REQ-5: each rejection names its field', () => {
    expect(fields(requestRemediation(input({ dueOn: calendarDate('2024-06-14') }), ctx()))).toEqual([
      'dueOn',
    ]);
    expect(fields(requestRemediation(input({ dueOn: '2024-02-30' as CalendarDate }), ctx()))).toEqual([
      'dueOn',
    ]);
    expect(fields(requestRemediation(input({ dueOn: null }), ctx()))).toEqual(['dueOn']);
    expect(fields(requestRemediation(input({ groups: [] }), ctx()))).toEqual(['groups']);
    expect(fields(requestRemediation(input({ groups: [group('Nowhere')] }), ctx()))).toEqual(['groups']);
    expect(fields(requestRemediation(input({ notes: 'x'.repeat(1001) }), ctx()))).toEqual(['notes']);
    expect(fields(requestRemediation(input({ type: 'ConfigurationChange' }), ctx()))).toEqual(['type']);
    expect(
      fields(requestRemediation(input({ recommendationId: recommendationId('va-_-x-_-y') }), ctx())),
    ).toEqual(['recommendationId']);
    expect(fields(requestRemediation(input({ createIntuneTask: true }), ctx(false)))).toEqual([
      'createIntuneTask',
    ]);
    expect(fields(requestRemediation(input({ notes: 'x'.repeat(1000), priority: 'Low' }), ctx()))).toEqual(
      [],
    );
  });
  it('R-REQ-5: a due date of today is accepted', () => {
    expect(requestRemediation(input({ dueOn: calendarDate('2024-06-15') }), ctx()).ok).toBe(true);
  });
  it('R-ATTN-1: the store rejects a due date on attention required and records none', () => {
    expect(fields(requestRemediation(input({ type: 'AttentionRequired' }), ctx()))).toEqual(['dueOn']);
    const r = requestRemediation(input({ type: 'AttentionRequired', dueOn: null }), ctx());
    if (!r.ok) throw new Error('refused');
    expect('dueOn' in r.value.activity).toBe(false);
    expect('progress' in r.value.activity).toBe(false);
    expect('taskId' in r.value.activity).toBe(false);
  });
  it('R-INT-3: with Intune on, a pending task is created with the devices it carries', () => {
    const r = requestRemediation(input({ createIntuneTask: true }), ctx(true));
    if (!r.ok) throw new Error('refused');
    expect(r.value.task).toMatchObject({
      status: 'pending',
      sentDevices: 3,
      leftOutDevices: 0,
      statusChangedBy: USER,
    });
    expect(r.value.activity).toMatchObject({ taskId: r.value.task?.id });
    expect(r.value.changes.put?.activityDevices?.every((d) => d.sentToTask)).toBe(true);
    expect(r.value.changes.events.map((e) => e.type)).toEqual(['activity.created', 'task.created']);
  });
  it('R-INT-2: a request over 10,001 devices sends 10,000 and reports 1 left out', () => {
    const n = 10_001;
    const big = stateWith({
      recommendations: [rec()],
      devices: Array.from({ length: n }, (_, i) => device(i + 1, 'Servers')),
      exposures: Array.from({ length: n }, (_, i) => exposure(i + 1)),
    });
    const r = requestRemediation(input({ createIntuneTask: true }), ctx(true, big));
    if (!r.ok) throw new Error('refused');
    expect(r.value.leftOutOfTask).toBe(1);
    expect(r.value.task).toMatchObject({ sentDevices: 10_000, leftOutDevices: 1 });
    expect(r.value.changes.put?.activityDevices?.filter((d) => d.sentToTask)).toHaveLength(10_000);
    expect(r.value.activity).toMatchObject({ progress: { targetDevices: n } });
  });
});
