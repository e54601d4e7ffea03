import { describe, expect, it } from 'vitest';
import { attention, NOW, tracked, USER } from '../../test/support/core/builders.ts';
import { completedBy } from './completed-by.ts';
import { markComplete } from './mark-complete.ts';

describe('markComplete', () => {
  it('R-DONE-2: a user completes an Active activity by hand, recorded with their email', () => {
    const r = markComplete(tracked('a'), USER, NOW);
    if (!r.ok) throw new Error('refused');
    const done = r.value.put?.activities?.[0];
    expect(done).toMatchObject({
      status: 'Completed',
      statusLastModifiedOn: NOW,
      completion: { method: 'Manual', completerEmail: USER },
    });
    expect(done && completedBy(done)).toEqual({ kind: 'user', email: USER });
    expect(r.value.events[0]).toMatchObject({ type: 'activity.completed', actor: USER, at: NOW });
  });
  it('R-DONE-2: attention required completes this way', () => {
    const r = markComplete(attention('b'), USER, NOW);
    expect(r.ok && r.value.put?.activities?.[0]?.status).toBe('Completed');
  });
  it('R-DONE-2: completing a completed activity is refused', () => {
    const done = tracked('a', { status: 'Completed', completion: { method: 'Automatic', completedOn: NOW } });
    const r = markComplete(done, USER, NOW);
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['status']);
  });
});
