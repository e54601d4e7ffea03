/**
 * The recommendation page's overlay: the request form (request-form.ts), and the recommendation's
 * exceptions (R-EXC-1..3). When the address names no recommendation, the user picks one.
 */
import { EXCEPTION_CONTEXT_MAX } from '../../../core/index.ts';
import { h, render } from '../../shared/dom.ts';
import type { RecommendationView } from '../../shared/views.ts';
import type { Panel } from '../shell.ts';
import {
  activitySummary,
  errorLine,
  exceptionSummary,
  key,
  type OverlayContext,
  problems,
} from './common.ts';
import { emailField, saveEmailIfAsked } from './email-field.ts';
import { requestForm } from './request-form.ts';

type Selected = NonNullable<RecommendationView['selected']>;
const JUSTIFICATIONS = [
  'ThirdPartyControl',
  'AlternateMitigation',
  'RiskAccepted',
  'PlannedRemediation',
] as const;

export function recommendationPanel(ctx: OverlayContext, fromAddress: string | null): Panel {
  const { t, send } = ctx;
  const body = h('div', { class: 'recommendation' });
  // When the address names no recommendation the user picks one; the pick lasts while the page does.
  let chosen = fromAddress;
  // While the user fills a form or reads an outcome, data changes elsewhere must not redraw under them.
  let busy = false;
  body.addEventListener('input', () => {
    busy = true;
  });

  async function refresh(reason?: 'data'): Promise<void> {
    if (reason === 'data' && busy) return;
    busy = false;
    const reply = await send({ type: 'recommendation.view', recommendationId: chosen });
    if (!reply.ok) return render(body, errorLine(t, reply.error));
    const view = reply.value;
    const settings = await ctx.settings();
    if (view.recommendations.length === 0) return render(body, h('p', { class: 'muted' }, t('noData')));
    render(
      body,
      fromAddress === null ? picker(view) : null,
      view.selected === null
        ? null
        : [
            requestForm(ctx, view.selected, view.today, settings.email === null, {
              hold: () => {
                busy = true;
              },
              refresh: () => refresh(),
            }),
            exceptionsSection(view.selected, view.today, settings.email === null),
            view.selected.activities.length > 0
              ? [
                  h('h3', null, t('remediationActivities')),
                  h(
                    'ul',
                    { class: 'items' },
                    view.selected.activities.map((a) => h('li', null, activitySummary(t, a))),
                  ),
                ]
              : null,
          ],
    );
  }

  /**
   * A filterable list rather than a select: a select is as wide as its longest name and overflows
   * the dialog; here long names wrap and the list scrolls inside the dialog.
   */
  let pickerFilter = '';
  function picker(view: RecommendationView): HTMLElement {
    const list = h('ul', { class: 'picker-list', 'aria-labelledby': 'rd-rec-label' });
    const drawList = (): void => {
      const wanted = pickerFilter.trim().toLocaleLowerCase();
      render(
        list,
        view.recommendations
          .filter((r) => wanted === '' || r.name.toLocaleLowerCase().includes(wanted))
          .map((r) =>
            h(
              'li',
              null,
              h(
                'button',
                {
                  type: 'button',
                  class: 'pick',
                  'data-recommendation-id': r.id,
                  'aria-pressed': String(r.id === chosen),
                  onClick: () => {
                    chosen = r.id;
                    void refresh();
                  },
                },
                h('span', { class: 'name' }, r.name),
                h('span', { class: 'count' }, t('devicesCount', { n: r.exposedDevices })),
              ),
            ),
          ),
      );
    };
    drawList();
    return h(
      'div',
      { class: 'picker' },
      h('div', { id: 'rd-rec-label', class: 'label' }, t('chooseRecommendation')),
      h('input', {
        type: 'search',
        name: 'recommendationFilter',
        'aria-label': t('filterRecommendations'),
        placeholder: t('filterRecommendations'),
        value: pickerFilter,
        onInput: (e) => {
          pickerFilter = (e.target as HTMLInputElement).value;
          drawList();
        },
      }),
      list,
    );
  }

  function exceptionsSection(rec: Selected, today: string, askEmail: boolean): HTMLElement {
    const out = h('div', { 'aria-live': 'polite' });
    const dateInput = h('input', {
      type: 'date',
      name: 'expiryOn',
      min: today,
      'aria-label': t('chosenDate'),
      hidden: true,
    });
    const form = h(
      'form',
      { class: 'exception', 'aria-label': t('createException') },
      emailField(t, askEmail),
      h('label', { for: 'rd-just' }, t('justification')),
      h(
        'select',
        { id: 'rd-just', name: 'justification' },
        JUSTIFICATIONS.map((j) => h('option', { value: j }, t(key('justification', j)))),
      ),
      h('label', { for: 'rd-context' }, t('context')),
      h('textarea', { id: 'rd-context', name: 'context', maxlength: EXCEPTION_CONTEXT_MAX }),
      h('label', { for: 'rd-expiry' }, t('expiry')),
      h(
        'div',
        { class: 'row' },
        h(
          'select',
          {
            id: 'rd-expiry',
            name: 'expiry',
            onChange: (e) => {
              dateInput.hidden = (e.target as HTMLSelectElement).value !== 'on';
            },
          },
          [30, 60, 90].map((n) => h('option', { value: String(n) }, t('days', { n }))),
          h('option', { value: 'on' }, t('chosenDate')),
        ),
        dateInput,
      ),
      h(
        'fieldset',
        null,
        h('legend', null, t('scope')),
        rec.globalExceptionOffered
          ? h(
              'label',
              { class: 'inline' },
              h('input', { type: 'radio', name: 'scope', value: 'global' }),
              t('scope.global'),
            )
          : null,
        rec.exceptionGroups.length > 0
          ? [
              h(
                'label',
                { class: 'inline' },
                h('input', { type: 'radio', name: 'scope', value: 'groups', checked: true }),
                t('scope.groups'),
              ),
              // R-EXC-2: groups that already have an exception are not offered again.
              rec.exceptionGroups.map((g) =>
                h(
                  'label',
                  { class: 'inline' },
                  h('input', { type: 'checkbox', name: 'excGroup', value: g }),
                  g,
                ),
              ),
            ]
          : null,
      ),
      h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit' }, t('createException'))),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void (async () => {
        if (!(await saveEmailIfAsked(ctx, form, out))) return;
        const data = new FormData(form);
        const expiry = String(data.get('expiry'));
        const reply = await send({
          type: 'exception.create',
          recommendationId: rec.id,
          justification: String(data.get('justification')) as (typeof JUSTIFICATIONS)[number],
          context: String(data.get('context') ?? ''),
          expiry:
            expiry === 'on'
              ? { kind: 'on', on: String(data.get('expiryOn') ?? '') }
              : { kind: 'days', days: Number(expiry) },
          scope:
            data.get('scope') === 'global'
              ? { kind: 'global' }
              : { kind: 'groups', groups: data.getAll('excGroup').map(String) },
        });
        if (!reply.ok) return out.replaceChildren(problems(t, reply.error, reply.fields));
        await refresh();
      })();
    });
    return h(
      'div',
      { class: 'exceptions' },
      h('h3', null, t('exceptions')),
      rec.exceptions.length === 0
        ? h('p', { class: 'muted' }, t('noExceptions'))
        : h(
            'ul',
            { class: 'items' },
            rec.exceptions.map((x) => h('li', { class: 'exception-item' }, exceptionSummary(t, x))),
          ),
      h('details', null, h('summary', null, t('createException')), form, out),
    );
  }

  return { title: t('requestRemediation'), body, refresh };
}
