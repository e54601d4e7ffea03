import { describe, expect, it } from 'vitest';
import { dashboardAdapter } from './dashboard.ts';
import { type PageAdapter, placementFor, type QueryRoot } from './placement.ts';
import { recommendationAdapter } from './recommendation.ts';
import { remediationAdapter } from './remediation.ts';

/** A page that has exactly the given selectors. */
const pageWith = (...present: string[]): QueryRoot & { asked: string[] } => {
  const asked: string[] = [];
  return {
    asked,
    querySelector(selector: string) {
      asked.push(selector);
      return present.includes(selector) ? ({ selector } as unknown as Element) : null;
    },
  };
};

const adapters: [string, PageAdapter][] = [
  ['dashboard', dashboardAdapter],
  ['recommendation', recommendationAdapter],
  ['remediation', remediationAdapter],
];

describe.each(adapters)('%s adapter', (_, adapter) => {
  it('falls back to the floating launcher when none of its anchors is on the page', () => {
    const page = pageWith('.something-else');
    expect(placementFor(adapter, page)).toEqual({ kind: 'launcher' });
    expect(page.asked).toEqual(adapter.anchors.map((a) => a.selector));
  });

  it('mounts inline at its first anchor present', () => {
    const first = adapter.anchors[0];
    if (!first) throw new Error('adapter without anchors');
    const placement = placementFor(adapter, pageWith(...adapter.anchors.map((a) => a.selector)));
    expect(placement).toMatchObject({
      kind: 'inline',
      position: first.position,
      element: { selector: first.selector },
    });
  });

  it('uses a later anchor when the first is missing', () => {
    const last = adapter.anchors.at(-1);
    if (!last || adapter.anchors.length < 2) return;
    expect(placementFor(adapter, pageWith(last.selector))).toMatchObject({
      kind: 'inline',
      element: { selector: last.selector },
    });
  });
});
