/**
 * The dashboard's Top remediation activities card (R-TOP-1): the most urgent few, each opening that
 * activity; "show more" lists the rest and the exceptions in effect.
 */
import { h, render } from '../../shared/dom.ts';
import type { DashboardView } from '../../shared/views.ts';
import { dashboardAdapter } from '../adapters/dashboard.ts';
import type { Feature } from '../features.ts';
import { showOverlay } from '../overlay.ts';
import {
  activitySummary,
  errorLine,
  exceptionSummary,
  type OverlayContext,
  openActivityLink,
} from '../overlays/common.ts';
import { isDashboard, type RouteOf } from '../routes.ts';
import type { Panel } from '../shell.ts';

const CARD_SIZE = 5;

function dashboardPanel(ctx: OverlayContext): Panel {
  const { t, send } = ctx;
  const body = h('div', { class: 'dashboard' });
  let expanded = false;
  let last: DashboardView | null = null;

  function draw(view: DashboardView): void {
    const shown = expanded ? view.top : view.top.slice(0, CARD_SIZE);
    const more = view.top.length > CARD_SIZE || view.exceptions.length > 0;
    render(
      body,
      view.top.length === 0
        ? h('p', { class: 'muted' }, t('noActivities'))
        : h(
            'ol',
            { class: 'items top' },
            shown.map((v) =>
              h('li', { class: 'top-item' }, openActivityLink(v), activitySummary(t, v).slice(1)),
            ),
          ),
      expanded && view.exceptions.length > 0
        ? [
            h('h3', null, t('activeExceptions')),
            h(
              'ul',
              { class: 'items exceptions' },
              view.exceptions.map((x) => h('li', null, exceptionSummary(t, x))),
            ),
          ]
        : null,
      more
        ? h(
            'button',
            {
              type: 'button',
              class: 'show-more',
              'aria-expanded': String(expanded),
              onClick: () => {
                expanded = !expanded;
                draw(view);
              },
            },
            expanded ? t('showLess') : t('showMore'),
          )
        : null,
    );
  }

  async function refresh(): Promise<void> {
    const reply = await send({ type: 'dashboard.get' });
    if (!reply.ok) return render(body, errorLine(t, reply.error));
    last = reply.value;
    draw(last);
  }

  return { title: t('topActivities'), body, refresh };
}

export const dashboardCard: Feature<RouteOf<'dashboard'>> = {
  id: 'dashboard-card',
  include: isDashboard,
  init: (route, ctx, signal) => showOverlay(ctx, dashboardAdapter, dashboardPanel(ctx), route.kind, signal),
};
