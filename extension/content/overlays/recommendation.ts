/**
 * The recommendation page's overlay: request remediation (R-REQ-1..5, R-ATTN-1, R-INT-1/2), the
 * note for the IT administrator (R-REQ-4), and the recommendation's exceptions (R-EXC-1..3).
 */
import { EXCEPTION_CONTEXT_MAX, NOTES_MAX_LENGTH } from '../../../core/index.ts';
import { h, render } from '../../shared/dom.ts';
import type { RecommendationView, RequestOutcome } from '../../shared/views.ts';
import type { Panel } from '../shell.ts';
import {
  activitySummary,
  errorLine,
  exceptionSummary,
  key,
  type OverlayContext,
  problems,
} from './common.ts';

type Selected = NonNullable<RecommendationView['selected']>;
const PRIORITIES = ['High', 'Medium', 'Low'] as const;
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
            requestForm(view.selected, view.today, settings.email === null),
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

  function picker(view: RecommendationView): HTMLElement {
    return h(
      'div',
      null,
      h('label', { for: 'rd-rec' }, t('chooseRecommendation')),
      h(
        'select',
        {
          id: 'rd-rec',
          name: 'recommendation',
          onChange: (e) => {
            chosen = (e.target as HTMLSelectElement).value || null;
            void refresh();
          },
        },
        h('option', { value: '' }, '—'),
        view.recommendations.map((r) =>
          h(
            'option',
            { value: r.id, selected: r.id === chosen },
            `${r.name} (${t('devicesCount', { n: r.exposedDevices })})`,
          ),
        ),
      ),
    );
  }

  /** Email field shown only while none is stored: asked once, then kept in the settings. */
  const emailField = (missing: boolean) =>
    missing
      ? [
          h('label', { for: 'rd-email' }, t('emailAddress')),
          h('input', { id: 'rd-email', name: 'email', type: 'email', required: true, autocomplete: 'email' }),
          h('div', { class: 'muted' }, t('emailPrompt')),
        ]
      : null;

  async function saveEmailIfAsked(form: HTMLFormElement, out: HTMLElement): Promise<boolean> {
    const input = form.elements.namedItem('email') as HTMLInputElement | null;
    if (!input) return true;
    const reply = await send({ type: 'settings.setEmail', email: input.value });
    if (!reply.ok) out.replaceChildren(problems(t, reply.error, reply.fields));
    return reply.ok;
  }

  function requestForm(rec: Selected, today: string, askEmail: boolean): HTMLElement {
    const form = h('form', { class: 'request', 'aria-label': t('requestRemediation') });
    const out = h('div', { class: 'outcome', 'aria-live': 'polite' });
    let type = rec.defaultType;

    const chosenDevices = (): number => {
      const all = form.querySelector<HTMLInputElement>('input[name="allGroups"]')?.checked ?? true;
      return rec.groups
        .filter(
          (g) =>
            all ||
            form.querySelector<HTMLInputElement>(`input[name="group"][value="${CSS.escape(g.name)}"]`)
              ?.checked,
        )
        .reduce((n, g) => n + g.devices, 0);
    };

    const intuneLine = h('div', { class: 'muted intune-count', 'aria-live': 'polite' });
    const updateIntuneLine = (): void => {
      const n = chosenDevices();
      intuneLine.textContent =
        n > rec.intuneLimit
          ? t('intuneLimit', { sent: rec.intuneLimit, left: n - rec.intuneLimit, limit: rec.intuneLimit })
          : t('intuneAll', { n });
    };

    // Only the parts that depend on the type are redrawn when it changes: typed values stay.
    const dueSlot = h('div', { class: 'due-slot' });
    const intuneSlot = h('div', { class: 'intune-slot' });
    const typeDependent = (): void => {
      // R-ATTN-1: for attention required the due date field does not exist at all.
      render(
        dueSlot,
        type === 'AttentionRequired'
          ? null
          : [
              h('label', { for: 'rd-due' }, t('dueDate')),
              h('input', { id: 'rd-due', name: 'dueOn', type: 'date', min: today, required: true }),
            ],
      );
      // R-INT-1: absent (not disabled) unless the Intune connection is on.
      render(
        intuneSlot,
        rec.intuneOffered && type !== 'AttentionRequired'
          ? [
              h(
                'label',
                { class: 'inline' },
                h('input', { type: 'checkbox', name: 'intuneTask', onChange: updateIntuneLine }),
                t('intuneTask'),
              ),
              intuneLine,
            ]
          : null,
      );
      updateIntuneLine();
    };
    render(
      form,
      h('h3', null, rec.name),
      emailField(askEmail),
      h('label', { for: 'rd-type' }, t('remediationType')),
      h(
        'select',
        {
          id: 'rd-type',
          name: 'type',
          onChange: (e) => {
            type = (e.target as HTMLSelectElement).value as typeof type;
            typeDependent();
          },
        },
        rec.types.map((v) => h('option', { value: v, selected: v === type }, t(key('type', v)))),
      ),
      h(
        'fieldset',
        { onChange: updateIntuneLine },
        h('legend', null, t('deviceGroups')),
        h(
          'label',
          { class: 'inline' },
          h('input', { type: 'checkbox', name: 'allGroups', checked: true }),
          t('allGroups'),
        ),
        rec.groups.map((g) =>
          h(
            'label',
            { class: 'inline' },
            h('input', { type: 'checkbox', name: 'group', value: g.name }),
            `${g.name} (${t('devicesCount', { n: g.devices })})`,
          ),
        ),
      ),
      h('label', { for: 'rd-priority' }, t('priority')),
      h(
        'select',
        { id: 'rd-priority', name: 'priority' },
        PRIORITIES.map((p) => h('option', { value: p, selected: p === 'Medium' }, t(key('priority', p)))),
      ),
      dueSlot,
      h('label', { for: 'rd-notes' }, t('notes')),
      h('textarea', { id: 'rd-notes', name: 'notes', maxlength: NOTES_MAX_LENGTH }),
      intuneSlot,
      h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit' }, t('submitRequest'))),
    );
    typeDependent();

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      // The data changes under the form as it is submitted: that redraw must not wipe the outcome.
      busy = true;
      void (async () => {
        if (!(await saveEmailIfAsked(form, out))) return;
        const data = new FormData(form);
        const all = data.get('allGroups') === 'on';
        const reply = await send({
          type: 'remediation.request',
          recommendationId: rec.id,
          remediationType: type,
          groups: all ? [] : data.getAll('group').map(String),
          priority: String(data.get('priority')) as (typeof PRIORITIES)[number],
          dueOn: type === 'AttentionRequired' ? null : String(data.get('dueOn') ?? '') || null,
          notes: String(data.get('notes') ?? ''),
          intuneTask: data.get('intuneTask') === 'on',
        });
        if (!reply.ok) return out.replaceChildren(problems(t, reply.error, reply.fields));
        form.replaceWith(outcome(reply.value));
        out.remove();
      })();
    });
    return h('div', null, form, out);
  }

  /** R-REQ-4: what was created, and the ready-made note for the IT administrator. */
  function outcome(o: RequestOutcome): HTMLElement {
    const copyButton = h(
      'button',
      {
        type: 'button',
        onClick: () => {
          void navigator.clipboard.writeText(`${o.notice.subject}\n\n${o.notice.body}`).then(
            () => {
              copyButton.textContent = t('copied');
            },
            () => undefined,
          );
        },
      },
      t('copy'),
    );
    return h(
      'div',
      { class: 'outcome', role: 'status' },
      h('p', { class: 'ok requested' }, t('requested', { n: o.targetDevices })),
      o.task
        ? h('p', { class: 'task-left-out' }, t('taskLeftOut', { sent: o.task.sent, left: o.task.leftOut }))
        : null,
      h('h3', null, t('notifyAdmin')),
      h('pre', { class: 'notice' }, `${o.notice.subject}\n\n${o.notice.body}`),
      h(
        'div',
        { class: 'row' },
        copyButton,
        h('a', { href: o.notice.mailto, class: 'mailto' }, t('sendEmail')),
        h('button', { type: 'button', onClick: () => void refresh() }, t('close')),
      ),
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
      emailField(askEmail),
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
        if (!(await saveEmailIfAsked(form, out))) return;
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
