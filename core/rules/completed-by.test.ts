import { describe, expect, it } from 'vitest';
import { NOW, tracked, USER } from '../../test/support/core/builders.ts';
import { completedBy } from './completed-by.ts';

describe('completedBy', () => {
  it('R-DONE-1: automatic completion is shown as the system', () => {
    expect(
      completedBy(
        tracked('a', { status: 'Completed', completion: { method: 'Automatic', completedOn: NOW } }),
      ),
    ).toEqual({ kind: 'system' });
  });
  it('R-DONE-2: manual completion is shown as the user', () => {
    const completion = {
      method: 'Manual',
      completedOn: NOW,
      completerEmail: USER,
      completerId: null,
    } as const;
    expect(completedBy(tracked('a', { status: 'Completed', completion }))).toEqual({
      kind: 'user',
      email: USER,
    });
  });
  it('R-DONE-3: unknown completion is shown as N/A; Active has no completer', () => {
    expect(
      completedBy(tracked('a', { status: 'Completed', completion: { method: 'Unknown', completedOn: NOW } })),
    ).toEqual({ kind: 'unknown' });
    expect(completedBy(tracked('a'))).toBeNull();
  });
});
