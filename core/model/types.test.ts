/**
 * Type tests: each `@ts-expect-error` line must fail to compile, or `npm run typecheck` fails
 * ("unused directive"). The runtime assertions check the constructors behind the brands.
 */
import { describe, expect, it } from 'vitest';
import type { Activity, AttentionRequiredActivity, TrackedActivity } from './activity.ts';
import type { ExceptionScope } from './exception.ts';
import {
  type ActivityId,
  activityId,
  deviceGroupName,
  deviceId,
  email,
  IdError,
  type RecommendationId,
  recommendationId,
} from './ids.ts';
import { calendarDate, instant } from './time.ts';

const takesRecommendation = (id: RecommendationId): string => id;
const takesActivity = (id: ActivityId): string => id;

describe('branded ids', () => {
  it('an activity id is not accepted where a recommendation id is expected', () => {
    const a = activityId('03942ef5-aewb-4w6e-b555-d6a97013844w');
    const r = recommendationId('va-_-google-_-chrome');
    // @ts-expect-error an ActivityId is not a RecommendationId
    takesRecommendation(a);
    // @ts-expect-error a plain string is not an ActivityId
    takesActivity('x');
    expect(takesRecommendation(r)).toBe('va-_-google-_-chrome');
  });

  it('constructors parse rather than cast', () => {
    expect(deviceId('00044F612345DAF756462BDE6BD733B9A9C59AB4')).toBe(
      '00044f612345daf756462bde6bd733b9a9c59ab4',
    );
    expect(() => deviceId('not-a-device')).toThrow(IdError);
    expect(() => activityId('  ')).toThrow(/empty/);
    expect(() => deviceGroupName('a\u0000b')).toThrow(/control/);
    expect(() => email('nobody')).toThrow(IdError);
    expect(email(' admin@contoso.com ')).toBe('admin@contoso.com');
  });
});

describe('times', () => {
  it('accepts both vendor timestamp forms', () => {
    expect(instant('2021-01-05 17:04:30')).toBe('2021-01-05T17:04:30.000Z');
    expect(instant('2021-02-10T13:20:36.4718166Z')).toBe('2021-02-10T13:20:36.471Z');
    expect(instant('2021-02-10T13:20:36+02:00')).toBe('2021-02-10T11:20:36.000Z');
    expect(calendarDate('2021-02-11T00:00:00Z')).toBe('2021-02-11');
  });
  it('rejects dates that do not exist', () => {
    expect(() => calendarDate('2021-02-30')).toThrow(/real date/);
    expect(() => instant('2021-13-01 00:00:00')).toThrow();
    expect(() => instant('yesterday')).toThrow(/not a timestamp/);
  });
});

describe('illegal states do not compile', () => {
  it('R-ATTN-1: an attention-required activity has no due date, progress or ticket in its type', () => {
    type Keys = keyof AttentionRequiredActivity;
    const noDue: 'dueOn' extends Keys ? false : true = true;
    const noProgress: 'progress' extends Keys ? false : true = true;
    const noTask: 'taskId' extends Keys ? false : true = true;
    const tracked: 'dueOn' extends keyof TrackedActivity ? true : false = true;
    expect([noDue, noProgress, noTask, tracked]).toEqual([true, true, true, true]);
  });

  it('R-DONE-2: attention required cannot be completed automatically', () => {
    const completion = { method: 'Automatic', completedOn: instant('2021-01-01 00:00:00') } as const;
    const attempt = (a: AttentionRequiredActivity): Activity => ({
      ...a,
      status: 'Completed',
      // @ts-expect-error attention required is only ever completed by hand (or imported as unknown)
      completion,
    });
    expect(typeof attempt).toBe('function');
  });

  it('R-EXC-2: a group-scoped exception names at least one group', () => {
    const ok: ExceptionScope = { kind: 'groups', groups: [deviceGroupName('Servers')] };
    // @ts-expect-error the set of groups cannot be empty
    const empty: ExceptionScope = { kind: 'groups', groups: [] };
    expect([ok.kind, empty.kind]).toEqual(['groups', 'groups']);
  });
});
