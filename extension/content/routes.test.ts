import { describe, expect, it } from 'vitest';
import { fakeRouteSource } from './routes.fake.ts';
import { activityHref, type Route, routeKey, routeOf, watchRoute } from './routes.ts';

const P = 'https://security.microsoft.com';

describe('routeOf', () => {
  it('recognises the three portal pages, with or without tid', () => {
    expect(routeOf(`${P}/tvm_dashboard`)).toEqual({ kind: 'dashboard' });
    expect(routeOf(`${P}/tvm_dashboard?tid=abc`)).toEqual({ kind: 'dashboard' });
    expect(routeOf(`${P}/security-recommendations`)).toEqual({
      kind: 'recommendations',
      recommendationId: null,
    });
    expect(routeOf(`${P}/remediation/remediation-activities/?tid=x`)).toEqual({
      kind: 'remediation',
      activityId: null,
    });
  });

  it('reads the recommendation the flyout shows from the address', () => {
    expect(routeOf(`${P}/security-recommendations?tid=t&recommendationId=va-_-google-_-chrome`)).toEqual({
      kind: 'recommendations',
      recommendationId: 'va-_-google-_-chrome',
    });
    expect(routeOf(`${P}/security-recommendations?recommendationId=`)).toEqual({
      kind: 'recommendations',
      recommendationId: null,
    });
  });

  it('reads an activity opened from the dashboard card', () => {
    expect(routeOf(`${P}${activityHref('a b/1')}`)).toEqual({ kind: 'remediation', activityId: 'a b/1' });
  });

  it('ignores other pages and non-addresses', () => {
    expect(routeOf(`${P}/homepage`)).toBeNull();
    expect(routeOf(`${P}/remediation`)).toBeNull();
    expect(routeOf('not a url')).toBeNull();
  });
});

describe('watchRoute', () => {
  it('reports the first route and then only real route changes', () => {
    const nav = fakeRouteSource(`${P}/tvm_dashboard`);
    const seen: (Route | null)[] = [];
    const stop = watchRoute(nav.source, (r) => seen.push(r));
    nav.go(`${P}/tvm_dashboard?tid=2`); // same route, other tenant parameter: no change
    nav.go(`${P}/security-recommendations`);
    nav.go(`${P}/security-recommendations?recommendationId=x`);
    nav.go(`${P}/homepage`);
    stop();
    nav.go(`${P}/tvm_dashboard`);
    expect(seen.map(routeKey)).toEqual(['dashboard', 'recommendations:', 'recommendations:x', '']);
  });
});
