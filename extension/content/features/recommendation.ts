/**
 * The recommendation page's overlay: when the address names no recommendation the user picks one
 * (recommendation-picker.ts); for the recommendation, the request form (request-form.ts), its
 * exceptions with the form creating one (recommendation-exceptions.ts) and its activities.
 */
import { h, render } from '../../shared/dom.ts';
import { recommendationAdapter } from '../adapters/recommendation.ts';
import type { Feature } from '../features.ts';
import { showOverlay } from '../overlay.ts';
import { activitySummary, errorLine, type OverlayContext } from '../overlays/common.ts';
import { recommendationExceptions } from '../overlays/recommendation-exceptions.ts';
import { recommendationPicker } from '../overlays/recommendation-picker.ts';
import { requestForm } from '../overlays/request-form.ts';
import { isRecommendations, type RouteOf } from '../routes.ts';
import type { Panel } from '../shell.ts';

function recommendationPanel(ctx: OverlayContext, fromAddress: string | null, signal: AbortSignal): Panel {
  const { t, send } = ctx;
  const body = h('div', { class: 'recommendation' });
  // When the address names no recommendation the user picks one; the pick lasts while the page does.
  let chosen = fromAddress;
  const picker = recommendationPicker(t, (id) => {
    chosen = id;
    void refresh();
  });
  // While the user fills a form or reads an outcome, data changes elsewhere must not redraw under them.
  let busy = false;
  const hold = (): void => {
    busy = true;
  };
  body.addEventListener('input', hold, { signal });

  async function refresh(reason?: 'data'): Promise<void> {
    if (reason === 'data' && busy) return;
    busy = false;
    const reply = await send({ type: 'recommendation.view', recommendationId: chosen });
    if (!reply.ok) return render(body, errorLine(t, reply.error));
    const view = reply.value;
    const settings = await ctx.settings();
    if (view.recommendations.length === 0) return render(body, h('p', { class: 'muted' }, t('noData')));
    const rec = view.selected;
    const askEmail = settings.email === null;
    render(
      body,
      fromAddress === null ? picker.show(view.recommendations, chosen) : null,
      rec === null
        ? null
        : [
            requestForm(ctx, rec, view.today, askEmail, { hold, refresh: () => refresh() }, signal),
            recommendationExceptions(ctx, rec, view.today, askEmail, () => refresh(), signal),
            rec.activities.length > 0
              ? [
                  h('h3', null, t('remediationActivities')),
                  h(
                    'ul',
                    { class: 'items' },
                    rec.activities.map((a) => h('li', null, activitySummary(t, a))),
                  ),
                ]
              : null,
          ],
    );
  }

  return { title: t('requestRemediation'), body, refresh };
}

export const recommendationOverlay: Feature<RouteOf<'recommendations'>> = {
  id: 'recommendation-request',
  include: isRecommendations,
  init: (route, ctx, signal) =>
    showOverlay(
      ctx,
      recommendationAdapter,
      recommendationPanel(ctx, route.recommendationId, signal),
      route.kind,
      signal,
    ),
};
