/**
 * Which portal page we are on, from the address alone (domain.md §6): the portal's markup changes
 * without notice, its addresses much less. `tid` may be on any of them and is ignored.
 */
export type Route =
  | { readonly kind: 'dashboard' }
  | { readonly kind: 'recommendations'; readonly recommendationId: string | null }
  /** `activityId`: an activity opened from the dashboard card (our own parameter). */
  | { readonly kind: 'remediation'; readonly activityId: string | null };

export type RouteOf<K extends Route['kind']> = Extract<Route, { readonly kind: K }>;

/** The pages, as the predicates features declare they belong to (refined-github's `pageDetect`). */
const is =
  <K extends Route['kind']>(kind: K) =>
  (route: Route): route is RouteOf<K> =>
    route.kind === kind;
export const isDashboard = is('dashboard');
export const isRecommendations = is('recommendations');
export const isRemediation = is('remediation');

export const ACTIVITY_PARAM = 'remdeskActivity';

export function routeOf(href: string): Route | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const path = url.pathname.replace(/\/+$/, '').toLowerCase();
  const param = (name: string): string | null => {
    const v = url.searchParams.get(name);
    return v === null || v.trim() === '' ? null : v;
  };
  switch (path) {
    case '/tvm_dashboard':
      return { kind: 'dashboard' };
    case '/security-recommendations':
      return { kind: 'recommendations', recommendationId: param('recommendationId') };
    case '/remediation/remediation-activities':
      return { kind: 'remediation', activityId: param(ACTIVITY_PARAM) };
    default:
      return null;
  }
}

/** Two addresses showing the same overlay give the same key: nothing is re-rendered between them. */
export const routeKey = (r: Route | null): string =>
  r === null
    ? ''
    : r.kind === 'recommendations'
      ? `${r.kind}:${r.recommendationId ?? ''}`
      : r.kind === 'remediation'
        ? `${r.kind}:${r.activityId ?? ''}`
        : r.kind;

/** The address of one activity on the remediation page (the dashboard card links here). */
export const activityHref = (id: string): string =>
  `/remediation/remediation-activities?${ACTIVITY_PARAM}=${encodeURIComponent(id)}`;

export interface RouteSource {
  readonly href: () => string;
  readonly subscribe: (onMaybeChanged: () => void) => () => void;
}

/**
 * Calls `onChange` with the new route whenever the route key changes. The portal navigates with
 * history.pushState, which a content script cannot observe directly (its world has its own
 * `history` wrapper, and patching the page's needs an injected page script, i.e. more reach than
 * we want). So: the Navigation API's `currententrychange` where the browser has it (Chromium), plus
 * popstate, plus a light poll of `location.href` (a string compare every 250 ms) as the net that
 * catches pushState everywhere else (Firefox).
 */
export function watchRoute(source: RouteSource, onChange: (route: Route | null) => void): () => void {
  let key: string | null = null;
  const check = (): void => {
    const route = routeOf(source.href());
    const next = routeKey(route);
    if (next === key) return;
    key = next;
    onChange(route);
  };
  const stop = source.subscribe(check);
  check();
  return stop;
}

/** The browser's own signals, for `watchRoute`. */
export function browserRouteSource(win: Window, pollMs = 250): RouteSource {
  return {
    href: () => win.location.href,
    subscribe(onMaybeChanged) {
      const nav = (win as Window & { navigation?: EventTarget }).navigation;
      nav?.addEventListener('currententrychange', onMaybeChanged);
      win.addEventListener('popstate', onMaybeChanged);
      const timer = win.setInterval(onMaybeChanged, pollMs);
      return () => {
        nav?.removeEventListener('currententrychange', onMaybeChanged);
        win.removeEventListener('popstate', onMaybeChanged);
        win.clearInterval(timer);
      };
    },
  };
}
