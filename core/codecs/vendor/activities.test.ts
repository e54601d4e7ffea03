import { describe, expect, it } from 'vitest';
import { defenderFixture } from '../../../test/fixtures/defender-api/fixtures.ts';
import { inputErrorOf } from '../../../test/support/core/input-error.ts';
import { envelope } from '../../../test/support/core/vendor-files.ts';
import type { Activity } from '../../model/activity.ts';
import { activityRecommendationId, parseActivities } from './activities.ts';
import { readJsonDocument } from './json-document.ts';

const parse = (text: string, file = 'tasks.json'): Activity[] =>
  parseActivities(readJsonDocument(text, file).records, file).activities;
const sample = JSON.parse(defenderFixture('remediationTasks_list.verbatim.json')).value[0];
const withFields = (over: object): string => envelope('RemediationTasks', [{ ...sample, ...over }]);
const one = (over: object): Activity => {
  const [a] = parse(withFields(over));
  if (!a) throw new Error('no activity');
  return a;
};

describe('parseActivities', () => {
  it('imports the vendor sample: id that is no GUID, group array, 7-digit times, due day, double space', () => {
    const [a] = parse(defenderFixture('remediationTasks_list.verbatim.json'));
    expect(a).toMatchObject({
      id: '03942ef5-aewb-4w6e-b555-d6a97013844w',
      title: 'Update Microsoft Silverlight',
      recommendationId: 'va-_-microsoft-_-silverlight',
      createdOn: '2021-02-10T13:20:36.471Z',
      statusLastModifiedOn: '2021-02-10T13:20:36.471Z',
      requesterEmail: 'user1@contoso.com',
      rbacGroupNames: ['UnassignedGroup', 'hhh'],
      requesterNotes: 'test',
      category: 'Software',
      productivityImpactRemediationType: null,
      priority: 'Medium',
      type: 'Update',
      status: 'Active',
      dueOn: '2021-02-11',
      progress: { kind: 'counts', targetDevices: 18511, fixedDevices: 2866 },
      taskId: null,
    });
    expect(a?.description).toContain('a later version  to mitigate 55');
  });

  it('imports the messy fixture: nulls, a lone group string, space-separated times, unknown fields', () => {
    const [config, attention, chrome] = parse(defenderFixture('remediationTasks_messy.json'));
    expect(config).toMatchObject({
      id: 'not-a-guid-0001',
      title: '',
      description: '',
      requesterNotes: '',
      relatedComponent: 'Windows  Defender',
      requesterId: null,
      requesterEmail: null, // PD: "Security Team" is not an address
      createdOn: '2021-01-05T17:04:30.000Z',
      rbacGroupNames: ['Servers'],
      recommendationId: 'sca-_-scid-91',
      dueOn: '2021-01-20',
      status: 'Completed',
      completion: { method: 'Unknown', completedOn: '2021-03-01T08:00:00.123Z' },
    });
    expect(attention).toMatchObject({
      type: 'AttentionRequired',
      recommendationId: 'va-_-oracle-_-jre',
      rbacGroupNames: [],
    });
    expect(attention && 'dueOn' in attention).toBe(false);
    expect(attention && 'progress' in attention).toBe(false);
    expect(chrome).toMatchObject({
      completion: { method: 'Automatic', completedOn: '2021-02-20T12:00:00.000Z' },
    });
  });

  it('R-DONE-2: a Manual completion keeps the completer email', () => {
    expect(
      one({
        status: 'Completed',
        completionMethod: 'Manual',
        completerEmail: 'it@contoso.com',
        completerId: 'u1',
      }),
    ).toMatchObject({
      status: 'Completed',
      completion: {
        method: 'Manual',
        completerEmail: 'it@contoso.com',
        completerId: 'u1',
        completedOn: '2021-02-10T13:20:36.471Z',
      },
    });
    expect(
      inputErrorOf(() => parse(withFields({ status: 'Completed', completionMethod: 'Manual' }))).issues[0],
    ).toMatchObject({ field: 'completerEmail', line: 4 });
  });

  it('R-DONE-3: Completed without a method is imported as Unknown', () => {
    expect(one({ status: 'Completed' })).toMatchObject({
      status: 'Completed',
      completion: { method: 'Unknown' },
    });
  });

  it('R-DONE-1: Completed Automatic is imported as an automatic completion', () => {
    expect(one({ status: 'Completed', completionMethod: 'Automatic' })).toMatchObject({
      completion: { method: 'Automatic' },
    });
  });

  it('R-ATTN-1: attention required with a due date is imported without it, and the import says so', () => {
    const { activities, warnings } = parseActivities(
      readJsonDocument(withFields({ type: 'AttentionRequired' }), 'tasks.json').records,
      'tasks.json',
    );
    expect(activities[0]).toMatchObject({ type: 'AttentionRequired', status: 'Active' });
    expect(activities[0]).not.toHaveProperty('dueOn');
    expect(warnings).toEqual([
      {
        file: 'tasks.json',
        field: 'dueOn',
        count: 1,
        message:
          '1 attention-required activity carried a due date (line 4): imported without it, as attention required has none (R-ATTN-1)',
      },
    ]);
    expect(one({ type: 'AttentionRequired', dueOn: null })).not.toHaveProperty('dueOn');
  });

  it('R-ATTN-1: attention required completed automatically is refused', () => {
    const e = inputErrorOf(() =>
      parse(
        withFields({
          type: 'AttentionRequired',
          dueOn: null,
          status: 'Completed',
          completionMethod: 'Automatic',
        }),
      ),
    );
    expect(e.issues[0]).toMatchObject({ file: 'tasks.json', line: 4, field: 'completionMethod' });
  });

  it('refuses wrong values, naming file, line and field', () => {
    expect(inputErrorOf(() => parse(withFields({ priority: 'Urgent' }))).message).toBe(
      'tasks.json:4: $.value[0].priority: priority: "Urgent" is not one of High, Medium, Low',
    );
    expect(inputErrorOf(() => parse(withFields({ targetDevices: 1.5 }))).issues[0]?.field).toBe(
      'targetDevices',
    );
    expect(inputErrorOf(() => parse(withFields({ createdOn: 'yesterday' }))).message).toMatch(
      /createdOn: "yesterday" is not a timestamp$/,
    );
    expect(inputErrorOf(() => parse(withFields({ dueOn: '2021-02-30' }))).issues[0]?.field).toBe('dueOn');
    expect(inputErrorOf(() => parse(withFields({ rbacGroupNames: { a: 1 } }))).issues[0]?.field).toBe(
      'rbacGroupNames',
    );
    expect(inputErrorOf(() => parse(withFields({ id: '' }))).message).toMatch(/id: activity id is empty$/);
  });

  it('refuses a duplicate activity id within a file', () => {
    const e = inputErrorOf(() => parse(envelope('RemediationTasks', [sample, sample])));
    expect(e.issues[0]).toMatchObject({ field: 'id', path: '$.value[1].id' });
    expect(e.message).toMatch(/duplicate id/);
  });
});

describe('activityRecommendationId', () => {
  it('derives software and configuration recommendation ids', () => {
    expect(activityRecommendationId('Software', 'microsoft-_-silverlight', null)).toBe(
      'va-_-microsoft-_-silverlight',
    );
    expect(activityRecommendationId('SecurityConfiguration', null, 'scid-2001')).toBe('sca-_-scid-2001');
    expect(activityRecommendationId('SecurityConfiguration', null, '2001')).toBe('sca-_-scid-2001');
    expect(activityRecommendationId('Software', null, '2001')).toBeNull();
  });
});
