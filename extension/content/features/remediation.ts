/**
 * The remediation page's overlay: the activities and the exceptions as two tables a team can
 * filter, sort and search (see activity-table.ts and exception-table.ts), and the CSV export of
 * every activity (R-CSV-1).
 */
import { h, render } from '../../shared/dom.ts';
import { remediationAdapter } from '../adapters/remediation.ts';
import type { Feature } from '../features.ts';
import { showOverlay } from '../overlay.ts';
import { activityTable } from '../overlays/activity-table.ts';
import { downloadCsv, errorLine, type OverlayContext } from '../overlays/common.ts';
import { exceptionTable } from '../overlays/exception-table.ts';
import { isRemediation, type RouteOf } from '../routes.ts';
import type { Panel } from '../shell.ts';

function remediationPanel(ctx: OverlayContext, openActivity: string | null): Panel {
  const { t, send } = ctx;
  const body = h('div', { class: 'remediation' });
  const out = h('div', { 'aria-live': 'polite' });
  const activities = activityTable(ctx, () => refresh());
  const exceptions = exceptionTable(ctx, () => refresh());
  // The activity named by the address is opened once; later redraws keep what the user chose.
  let toOpen = openActivity;

  async function refresh(): Promise<void> {
    const [activityList, exceptionList, settings] = await Promise.all([
      send({ type: 'activities.list' }),
      send({ type: 'exceptions.list' }),
      ctx.settings(),
    ]);
    if (!activityList.ok) return render(body, errorLine(t, activityList.error));
    const opening = toOpen;
    toOpen = null;
    render(
      body,
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          {
            type: 'button',
            class: 'export-csv',
            onClick: () =>
              void send({ type: 'csv.activities', activityIds: null }).then((r) => downloadCsv(ctx, r, out)),
          },
          t('exportCsv'),
        ),
      ),
      out,
      h('h3', null, t('remediationActivities')),
      activityList.value.length === 0
        ? h('p', { class: 'muted' }, t('noActivities'))
        : activities.show(activityList.value, settings.email, opening),
      h('h3', null, t('exceptions')),
      !exceptionList.ok
        ? errorLine(t, exceptionList.error)
        : exceptionList.value.length === 0
          ? h('p', { class: 'muted' }, t('noExceptions'))
          : exceptions.show(exceptionList.value),
    );
    if (opening) activities.focus(opening);
  }

  return { title: t('remediationActivities'), body, refresh };
}

export const remediationOverlay: Feature<RouteOf<'remediation'>> = {
  id: 'remediation-tables',
  include: isRemediation,
  init: (route, ctx, signal) =>
    showOverlay(ctx, remediationAdapter, remediationPanel(ctx, route.activityId), route.kind, signal),
};
