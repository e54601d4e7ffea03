/**
 * The remediation page's overlay: every activity with its steps (R-STEP-1), progress, due date,
 * ticket and "Completed by"; mark complete (R-DONE-2), ticket status (R-INT-3), CSV (R-CSV-1), and
 * the exceptions with cancel (R-EXC-4).
 */

import type { TaskStatus } from '../../../core/index.ts';
import { h, render } from '../../shared/dom.ts';
import type { ActivityView, ExceptionView } from '../../shared/views.ts';
import type { Panel } from '../shell.ts';
import {
  activitySummary,
  downloadCsv,
  errorLine,
  exceptionSummary,
  key,
  type OverlayContext,
  problems,
} from './common.ts';

export function remediationPanel(ctx: OverlayContext, openActivity: string | null): Panel {
  const { t, send } = ctx;
  const body = h('div', { class: 'remediation' });
  const out = h('div', { 'aria-live': 'polite' });

  async function refresh(): Promise<void> {
    const [activities, exceptions, settings] = await Promise.all([
      send({ type: 'activities.list' }),
      send({ type: 'exceptions.list' }),
      ctx.settings(),
    ]);
    if (!activities.ok) return render(body, errorLine(t, activities.error));
    const list = activities.value;
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
      list.length === 0
        ? h('p', { class: 'muted' }, t('noActivities'))
        : h(
            'ul',
            { class: 'items activities' },
            list.map((v) => activityItem(v, settings.email)),
          ),
      h('h3', null, t('exceptions')),
      exceptions.ok ? exceptionList(exceptions.value) : errorLine(t, exceptions.error),
    );
    if (openActivity) {
      const item = body.querySelector<HTMLElement>(`li[data-activity-id="${CSS.escape(openActivity)}"]`);
      item?.scrollIntoView({ block: 'center' });
      item?.focus();
    }
  }

  function activityItem(view: ActivityView, storedEmail: string | null): HTMLElement {
    const a = view.activity;
    const itemOut = h('div', { 'aria-live': 'polite' });
    return h(
      'li',
      {
        class: `activity${a.id === openActivity ? ' selected' : ''}`,
        'data-activity-id': a.id,
        tabindex: -1,
      },
      activitySummary(t, view),
      h('div', { class: 'steps-title' }, t('steps')),
      h(
        'ol',
        { class: 'steps' },
        view.steps.map((s) =>
          h('li', null, t(key('step', s.kind)), s.subject ? [' ', h('span', null, s.subject)] : null),
        ),
      ),
      view.recommendationLink
        ? h('a', { href: view.recommendationLink, class: 'recommendation-link' }, t('openRecommendation'))
        : null,
      h(
        'div',
        { class: 'row' },
        a.status === 'Active' ? completeControl(view, storedEmail, itemOut) : null,
        a.type !== 'AttentionRequired'
          ? h(
              'button',
              {
                type: 'button',
                class: 'export-devices',
                onClick: () =>
                  void send({ type: 'csv.activityDevices', activityId: a.id }).then((r) =>
                    downloadCsv(ctx, r, itemOut),
                  ),
              },
              t('exportDevices'),
            )
          : null,
      ),
      view.task && view.taskNext.length > 0 ? taskControl(view.task.id, view.taskNext, itemOut) : null,
      itemOut,
    );
  }

  /** R-DONE-2: the email comes from the settings; asked for here the first time only. */
  function completeControl(
    view: ActivityView,
    storedEmail: string | null,
    itemOut: HTMLElement,
  ): HTMLElement {
    const emailInput =
      storedEmail === null
        ? h('input', {
            type: 'email',
            name: 'email',
            required: true,
            'aria-label': t('emailAddress'),
            placeholder: t('emailAddress'),
          })
        : null;
    const form = h(
      'form',
      { class: 'row mark-complete' },
      emailInput,
      h('button', { type: 'submit' }, t('markComplete')),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void (async () => {
        const reply = await send({
          type: 'activity.markComplete',
          activityId: view.activity.id,
          email: emailInput ? emailInput.value : (storedEmail ?? ''),
        });
        if (!reply.ok) return itemOut.replaceChildren(problems(t, reply.error, reply.fields));
        await refresh();
      })();
    });
    return form;
  }

  function taskControl(taskId: string, next: readonly TaskStatus[], itemOut: HTMLElement): HTMLElement {
    const form = h(
      'form',
      { class: 'row task-status' },
      h('label', { class: 'inline', for: `rd-task-${taskId}` }, t('ticketStatus')),
      h(
        'select',
        { id: `rd-task-${taskId}`, name: 'to' },
        next.map((s) => h('option', { value: s }, t(key('task', s)))),
      ),
      h('input', { name: 'notes', 'aria-label': t('reviewerNotes'), placeholder: t('reviewerNotes') }),
      h('button', { type: 'submit' }, t('setStatus')),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const data = new FormData(form);
      void (async () => {
        const reply = await send({
          type: 'task.setStatus',
          taskId,
          to: String(data.get('to')) as TaskStatus,
          notes: String(data.get('notes') ?? ''),
        });
        if (!reply.ok) return itemOut.replaceChildren(problems(t, reply.error, reply.fields));
        await refresh();
      })();
    });
    return form;
  }

  function exceptionList(list: readonly ExceptionView[]): HTMLElement {
    if (list.length === 0) return h('p', { class: 'muted' }, t('noExceptions'));
    return h(
      'ul',
      { class: 'items exceptions' },
      list.map((x) =>
        h(
          'li',
          { class: 'exception-item', 'data-exception-id': x.exception.id },
          exceptionSummary(t, x),
          x.status === 'InEffect' || x.status === 'Suspended'
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'cancel-exception',
                  onClick: () =>
                    void send({ type: 'exception.cancel', exceptionId: x.exception.id, group: null }).then(
                      (r) => (r.ok ? refresh() : out.replaceChildren(problems(t, r.error, r.fields))),
                    ),
                },
                t('cancelException'),
              )
            : null,
        ),
      ),
    );
  }

  return { title: t('remediationActivities'), body, refresh };
}
