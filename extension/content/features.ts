/**
 * The content script's features, after refined-github's feature manager: each feature says which
 * pages it belongs to (`include`, predicates over the route) and starts with an `AbortSignal` that
 * is aborted when the portal's single-page app leaves the route (or the language changes and every
 * feature starts again). A feature adds its listeners with `{ signal }` and ends its observers and
 * timers on abort, so leaving a page leaves nothing of it running.
 */
import type { OverlayContext } from './overlays/common.ts';
import { type Route, type RouteSource, watchRoute } from './routes.ts';

export interface Feature<R extends Route = Route> {
  /** For the console when it fails. */
  readonly id: string;
  readonly include: (route: Route) => route is R;
  // Method syntax on purpose: a feature of one page is a Feature, and `include` guards the call.
  init(route: R, ctx: OverlayContext, signal: AbortSignal): void;
}

export interface Router {
  /** Abort every running feature and start those of the current route again (a new language). */
  restart(): void;
}

/** Runs the features of each route `source` shows, each until the route changes. */
export function runFeatures(
  features: readonly Feature[],
  source: RouteSource,
  context: () => OverlayContext,
): Router {
  let route: Route | null = null;
  let running: AbortController | null = null;
  const start = (): void => {
    running?.abort();
    running = new AbortController();
    if (route === null) return;
    const ctx = context();
    for (const feature of features) {
      if (!feature.include(route)) continue;
      // One feature failing leaves the others running.
      try {
        feature.init(route, ctx, running.signal);
      } catch (e) {
        console.error('remdesk:', feature.id, 'failed', e);
      }
    }
  };
  watchRoute(source, (next) => {
    route = next;
    start();
  });
  return { restart: start };
}
