import { describe, expect, it } from 'vitest';
import { JUSTIFICATIONS } from '../../core/index.ts';
import { groupName } from './catalogue.ts';
import { generateSample, type SampleWeek } from './generate.ts';
import { STORYLINE, type StoryEvent } from './storyline.ts';

const weeks = [...generateSample({ devices: 400, weeks: 8, seed: 7 })];

/** Whether the state holds what the event makes, made exactly at `at`. */
function madeAt(event: StoryEvent, { state, at }: SampleWeek): boolean {
  switch (event.kind) {
    case 'request': {
      const r = event.request;
      return state.activities.some(
        (a) =>
          a.recommendationId === r.recommendation &&
          a.createdOn === at &&
          a.type === r.type &&
          a.priority === r.priority &&
          a.requesterNotes === r.notes,
      );
    }
    case 'exception': {
      const x = event.exception;
      return state.exceptions.some(
        (e) =>
          e.recommendationId === x.recommendation &&
          e.createdOn === at &&
          e.justification === x.justification &&
          e.scope.kind === x.scope.kind &&
          e.context === x.context,
      );
    }
    case 'cancellation': {
      const { recommendation, scope } = event.cancellation;
      const mine = state.exceptions.filter((e) => e.recommendationId === recommendation);
      return scope.kind === 'whole'
        ? mine.some((e) => e.canceled?.on === at)
        : mine.some((e) => e.canceledGroups.some((c) => c.group === groupName(scope.group) && c.on === at));
    }
  }
}

describe('STORYLINE', () => {
  const subject = (e: StoryEvent) =>
    e.kind === 'request'
      ? e.request.recommendation
      : e.kind === 'exception'
        ? e.exception.recommendation
        : e.cancellation.recommendation;
  it.each(STORYLINE.map((event) => ({ event, week: event.week, kind: event.kind, on: subject(event) })))(
    'its $kind on $on happens in week $week',
    ({ event }) => {
      const week = weeks[event.week];
      if (!week) throw new Error(`the sample has no week ${event.week}`);
      expect(madeAt(event, week)).toBe(true);
    },
  );

  it('opens with exceptions of every justification and both scopes', () => {
    const first = STORYLINE.flatMap((e) => (e.kind === 'exception' && e.week === 0 ? [e.exception] : []));
    expect(new Set(first.map((x) => x.justification))).toEqual(new Set(JUSTIFICATIONS));
    expect(new Set(first.map((x) => x.scope.kind))).toEqual(new Set(['global', 'groups']));
  });
});
