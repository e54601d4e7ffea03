/**
 * The recommendation's exceptions, and the form creating one (R-EXC-1..3): a justification and an
 * expiry from core's choices, and a scope offering only what may still be excepted (R-EXC-2).
 */
import {
  EXCEPTION_CONTEXT_MAX,
  EXPIRY_DAY_CHOICES,
  JUSTIFICATIONS,
  type Justification,
} from '../../../core/index.ts';
import { h } from '../../shared/dom.ts';
import type { RecommendationView } from '../../shared/views.ts';
import { exceptionSummary, key, type OverlayContext, problems } from './common.ts';
import { emailField, saveEmailIfAsked } from './email-field.ts';

type Selected = NonNullable<RecommendationView['selected']>;

export function recommendationExceptions(
  ctx: OverlayContext,
  rec: Selected,
  today: string,
  askEmail: boolean,
  created: () => Promise<void>,
  signal: AbortSignal,
): HTMLElement {
  const { t, send } = ctx;
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
        EXPIRY_DAY_CHOICES.map((n) => h('option', { value: String(n) }, t('days', { n }))),
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
  form.addEventListener(
    'submit',
    (e) => {
      e.preventDefault();
      void (async () => {
        if (!(await saveEmailIfAsked(ctx, form, out))) return;
        const data = new FormData(form);
        const days = EXPIRY_DAY_CHOICES.find((d) => String(d) === data.get('expiry'));
        const reply = await send({
          type: 'exception.create',
          recommendationId: rec.id,
          justification: String(data.get('justification')) as Justification,
          context: String(data.get('context') ?? ''),
          expiry:
            days === undefined
              ? { kind: 'on', on: String(data.get('expiryOn') ?? '') }
              : { kind: 'days', days },
          scope:
            data.get('scope') === 'global'
              ? { kind: 'global' }
              : { kind: 'groups', groups: data.getAll('excGroup').map(String) },
        });
        if (!reply.ok) return out.replaceChildren(problems(t, reply.error, reply.fields));
        await created();
      })();
    },
    { signal },
  );
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
