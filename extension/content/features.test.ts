import { describe, expect, it, vi } from 'vitest';
import { translator } from '../shared/i18n.ts';
import { type Feature, runFeatures } from './features.ts';
import { fakeRouteSource } from './routes.fake.ts';
import { isDashboard, isRecommendations, type Route, type RouteOf } from './routes.ts';

const P = 'https://security.microsoft.com';

const context = () => ({
  t: translator('en'),
  send: () => Promise.reject(new Error('no worker here')),
  settings: () => Promise.reject(new Error('no settings here')),
});

/** A feature that records when it starts and when its signal aborts. */
function recording<R extends Route>(id: string, include: (r: Route) => r is R, log: string[]): Feature<R> {
  return {
    id,
    include,
    init(route, _ctx, signal) {
      log.push(`${id} on ${JSON.stringify(route)}`);
      signal.addEventListener('abort', () => log.push(`${id} aborted`));
    },
  };
}

describe('runFeatures', () => {
  it('starts the features of the page, and aborts them when the single-page app leaves it', () => {
    const log: string[] = [];
    const nav = fakeRouteSource(`${P}/tvm_dashboard`);
    runFeatures(
      [recording('card', isDashboard, log), recording('form', isRecommendations, log)],
      nav.source,
      context,
    );
    nav.go(`${P}/tvm_dashboard?tid=2`); // the same page: nothing restarts
    nav.go(`${P}/security-recommendations?recommendationId=x`);
    nav.go(`${P}/homepage`);
    expect(log).toEqual([
      'card on {"kind":"dashboard"}',
      'card aborted',
      'form on {"kind":"recommendations","recommendationId":"x"}',
      'form aborted',
    ]);
  });

  it('restarts the features of the current page (a new language), and one failing leaves the others', () => {
    const log: string[] = [];
    const failing: Feature<RouteOf<'dashboard'>> = {
      id: 'failing',
      include: isDashboard,
      init() {
        throw new Error('the portal changed');
      },
    };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => log.push('failing logged'));
    const router = runFeatures(
      [failing, recording('card', isDashboard, log)],
      fakeRouteSource(`${P}/tvm_dashboard`).source,
      context,
    );
    router.restart();
    logged.mockRestore();
    expect(log).toEqual([
      'failing logged',
      'card on {"kind":"dashboard"}',
      'card aborted',
      'failing logged',
      'card on {"kind":"dashboard"}',
    ]);
  });
});
