import { describe, expect, it } from 'vitest';
import { emptyState } from '../../core/index.ts';
import { REFUSING, testWeek } from './test-week.ts';
import { act, WEEKLY_ACTIONS } from './weekly-actions.ts';

describe('WEEKLY_ACTIONS', () => {
  it('the actions that start in a later week draw nothing and change nothing before it', () => {
    const later = WEEKLY_ACTIONS.flatMap((a) => ('fromWeek' in a ? [a] : []));
    expect(later.map((a) => a.kind)).toEqual(['completeByHand', 'drawException', 'drawCancellation']);
    for (const action of later) {
      const state = emptyState();
      expect(act(state, testWeek({ index: action.fromWeek - 1, rng: REFUSING }), action)).toBe(state);
    }
  });

  it('a drawn exception is drawn from its first week on', () => {
    const action = WEEKLY_ACTIONS.find((a) => a.kind === 'drawException');
    if (!action) throw new Error('no drawn exception');
    const week = testWeek({ index: action.fromWeek, rng: REFUSING });
    expect(() => act(emptyState(), week, action)).toThrow('drew from the generator');
  });
});
