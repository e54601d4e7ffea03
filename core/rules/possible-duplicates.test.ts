import { describe, expect, it } from 'vitest';
import { group, REC_ID, stateWith as state, tracked } from '../../test/support/core/builders.ts';
import { overlappingActivities, possibleDuplicates } from './possible-duplicates.ts';

describe('possible duplicates', () => {
  const a = tracked('a', { rbacGroupNames: [group('Servers'), group('Labs')] });
  const b = tracked('b', { rbacGroupNames: [group('Labs')] });
  const c = tracked('c', { rbacGroupNames: [group('Desktops')] });
  const all = tracked('all', { rbacGroupNames: [] });

  it('R-MERGE-2: two Active requests of one recommendation with overlapping groups are possible duplicates of each other', () => {
    const dups = possibleDuplicates(state({ activities: [a, b, c] }));
    expect(dups.get(a.id)).toEqual([b.id]);
    expect(dups.get(b.id)).toEqual([a.id]);
    expect(dups.has(c.id)).toBe(false);
  });

  it('R-MERGE-2: a request for every group overlaps any other; a completed one overlaps none', () => {
    const done = tracked('done', {
      status: 'Completed',
      completion: { method: 'Automatic', completedOn: a.createdOn },
    });
    const dups = possibleDuplicates(state({ activities: [all, c, done] }));
    expect(dups.get(all.id)).toEqual([c.id]);
    expect(dups.has(done.id)).toBe(false);
  });

  it('R-MERGE-2: the request form is warned of the Active activities its groups would overlap', () => {
    const s = state({ activities: [a, c] });
    expect(overlappingActivities(s, REC_ID, [group('Labs')]).map((x) => x.id)).toEqual([a.id]);
    expect(overlappingActivities(s, REC_ID, 'all').map((x) => x.id)).toEqual([a.id, c.id]);
    expect(overlappingActivities(s, REC_ID, [group('Nowhere')])).toEqual([]);
  });
});
