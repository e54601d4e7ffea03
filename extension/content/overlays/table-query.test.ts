import { describe, expect, it } from 'vitest';
import { calendarDate, email } from '../../../core/index.ts';
import {
  attention,
  exc,
  group,
  NOW,
  stateWith,
  T0,
  tracked,
  USER,
} from '../../../test/support/core/builders.ts';
import { activityViews, exceptionViews } from '../../background/views.ts';
import {
  activityChoices,
  exceptionCreators,
  filterActivities,
  filterExceptions,
  NO_ACTIVITY_FILTER,
  NO_EXCEPTION_FILTER,
  NO_REQUESTER,
  nextSort,
  sortActivities,
  sortExceptions,
} from './table-query.ts';

const BOB = email('bob@contoso.com');
const activities = [
  tracked('chrome', {
    title: 'Update Google Chrome',
    priority: 'Low',
    rbacGroupNames: [group('Servers')],
    dueOn: calendarDate('2024-06-10'),
    progress: {
      kind: 'devices',
      targetDevices: 10,
      fixedDevices: 5,
      leftScopeDevices: 0,
      vanishedDevices: 0,
    },
  }),
  tracked('edge', {
    title: 'Update Microsoft Edge',
    priority: 'High',
    requesterEmail: BOB,
    createdOn: '2024-06-02T00:00:00.000Z' as typeof T0,
    dueOn: calendarDate('2024-07-01'),
  }),
  attention('agent', { title: 'Contoso Agent', requesterEmail: null, rbacGroupNames: [group('Labs')] }),
  tracked('done', {
    title: 'Update 7-Zip',
    status: 'Completed',
    completion: { method: 'Automatic', completedOn: T0 },
  }),
];
const views = activityViews(stateWith({ activities }), activities, NOW);
const ids = (list: readonly { activity: { id: string } }[]) => list.map((v) => v.activity.id);

describe('the activity table', () => {
  it('searches by name, case-insensitively', () => {
    expect(ids(filterActivities(views, { ...NO_ACTIVITY_FILTER, search: ' edge ' }))).toEqual(['edge']);
  });

  it('filters by status, priority, requester (or none) and overdue (R-DUE-1)', () => {
    expect(ids(filterActivities(views, { ...NO_ACTIVITY_FILTER, status: 'Completed' }))).toEqual(['done']);
    expect(ids(filterActivities(views, { ...NO_ACTIVITY_FILTER, priority: 'High' }))).toEqual(['edge']);
    expect(ids(filterActivities(views, { ...NO_ACTIVITY_FILTER, requester: BOB }))).toEqual(['edge']);
    expect(ids(filterActivities(views, { ...NO_ACTIVITY_FILTER, requester: NO_REQUESTER }))).toEqual([
      'agent',
    ]);
    expect(ids(filterActivities(views, { ...NO_ACTIVITY_FILTER, overdueOnly: true }))).toEqual(['chrome']);
  });

  it('filters by device group, keeping the requests made for every group', () => {
    expect(ids(filterActivities(views, { ...NO_ACTIVITY_FILTER, group: 'Servers' }))).toEqual([
      'chrome',
      'edge',
      'done',
    ]);
  });

  it('offers only the groups and requesters present', () => {
    expect(activityChoices(views)).toEqual({
      groups: ['Labs', 'Servers'],
      requesters: [NO_REQUESTER, USER, BOB].sort(),
    });
  });

  it('sorts by a column both ways; what has no value (no due date, no progress) sorts last', () => {
    const byPriority = sortActivities(views, { key: 'priority', direction: 'ascending' });
    expect(ids(byPriority)).toEqual(['edge', 'agent', 'done', 'chrome']);
    expect(ids(sortActivities(views, { key: 'dueOn', direction: 'ascending' }))).toEqual([
      'chrome',
      'edge',
      'agent',
      'done',
    ]);
    expect(ids(sortActivities(views, { key: 'dueOn', direction: 'descending' }))).toEqual([
      'edge',
      'chrome',
      'agent',
      'done',
    ]);
    expect(ids(sortActivities(views, { key: 'progress', direction: 'descending' }))[0]).toBe('chrome');
  });

  it('a click on the sorted column turns it around, on another sorts ascending', () => {
    expect(nextSort({ key: 'title', direction: 'ascending' }, 'title')).toEqual({
      key: 'title',
      direction: 'descending',
    });
    expect(nextSort({ key: 'title', direction: 'descending' }, 'status')).toEqual({
      key: 'status',
      direction: 'ascending',
    });
  });
});

describe('the exception table', () => {
  const list = [
    exc('a', { createdBy: BOB, justification: 'RiskAccepted' }),
    exc('b', { canceled: { on: NOW, by: USER } }),
    exc('c', { createdBy: 'system', expiresOn: calendarDate('2024-06-20') }),
  ];
  const xs = exceptionViews(stateWith({ exceptions: list }), list, NOW);
  const xids = (l: readonly { exception: { id: string } }[]) => l.map((v) => v.exception.id);

  it('filters by status, justification and who created it', () => {
    expect(xids(filterExceptions(xs, { ...NO_EXCEPTION_FILTER, status: 'Canceled' }))).toEqual(['b']);
    expect(xids(filterExceptions(xs, { ...NO_EXCEPTION_FILTER, justification: 'RiskAccepted' }))).toEqual([
      'a',
    ]);
    expect(xids(filterExceptions(xs, { ...NO_EXCEPTION_FILTER, createdBy: BOB }))).toEqual(['a']);
    expect(exceptionCreators(xs)).toEqual([BOB, USER, 'system'].sort());
  });

  it('sorts by expiry and by creator', () => {
    expect(xids(sortExceptions(xs, { key: 'expiresOn', direction: 'ascending' }))).toEqual(['c', 'a', 'b']);
    expect(xids(sortExceptions(xs, { key: 'createdBy', direction: 'ascending' }))).toEqual(['b', 'a', 'c']);
  });
});
