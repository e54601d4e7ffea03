/** For tests: a route source whose address changes when the test says so, as the portal's SPA navigates. */
import type { RouteSource } from './routes.ts';

export function fakeRouteSource(start: string): { go(next: string): void; source: RouteSource } {
  let href = start;
  let listener: (() => void) | null = null;
  return {
    go(next) {
      href = next;
      listener?.();
    },
    source: {
      href: () => href,
      subscribe(fn) {
        listener = fn;
        return () => {
          listener = null;
        };
      },
    },
  };
}
