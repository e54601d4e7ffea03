/** Pieces the three overlays share: the context they run in, errors, the activity card. */
import type { send as sendFn } from '../../shared/client.ts';
import { type Child, h, saveText } from '../../shared/dom.ts';
import type { MessageKey, Translate } from '../../shared/i18n.ts';
import type { FieldProblem } from '../../shared/messages.ts';
import type { Settings } from '../../shared/settings.ts';
import type { ActivityView, ExceptionView } from '../../shared/views.ts';
import { activityHref } from '../routes.ts';

export interface OverlayContext {
  readonly t: Translate;
  readonly send: typeof sendFn;
  readonly settings: () => Promise<Settings>;
}

export const errorLine = (t: Translate, message: string): HTMLElement =>
  h('p', { class: 'error', role: 'alert' }, t('error', { m: message }));

/** A refusal from the worker, with each named field's problem on its own line. */
export function problems(t: Translate, error: string, fields: readonly FieldProblem[] = []): HTMLElement {
  return fields.length === 0
    ? errorLine(t, error)
    : h(
        'ul',
        { class: 'error', role: 'alert', 'data-fields': fields.map((f) => f.field).join(' ') },
        fields.map((f) => h('li', null, `${f.field}: ${f.message}`)),
      );
}

export const key = (prefix: string, value: string): MessageKey => `${prefix}.${value}` as MessageKey;

/** R-DONE-3 / R-DONE-1: "Completed by" reads System confirmation, an email, or N/A. */
export function completedByText(t: Translate, view: ActivityView): string | null {
  const c = view.completedBy;
  if (c === null) return null;
  if (c.kind === 'system') return t('systemConfirmation');
  if (c.kind === 'user') return c.email;
  return t('notAvailable');
}

/** The fields of one activity every overlay shows the same way. */
export function activitySummary(t: Translate, view: ActivityView): Child[] {
  const a = view.activity;
  const by = completedByText(t, view);
  return [
    h(
      'div',
      { class: 'row' },
      h('strong', { class: 'title' }, a.title),
      h('span', { class: 'badge' }, t(key('activity', a.status))),
    ),
    h(
      'div',
      { class: 'row muted' },
      t(key('type', a.type)),
      ' · ',
      `${t('colon', { label: t('priority') })}${t(key('priority', a.priority))}`,
      // R-ATTN-1: attention required has no due date, progress or ticket anywhere.
      a.type !== 'AttentionRequired' && a.dueOn
        ? [' · ', h('span', { class: 'due' }, t('dueOn', { d: a.dueOn }))]
        : null,
      view.overdue ? [' ', h('span', { class: 'badge bad overdue' }, t('overdue'))] : null,
    ),
    a.type !== 'AttentionRequired'
      ? h(
          'div',
          { class: 'row progress' },
          h('progress', {
            max: Math.max(1, a.progress.targetDevices),
            value: a.progress.fixedDevices,
            'aria-label': t('progress'),
          }),
          h(
            'span',
            { class: 'counts' },
            t('progressCounts', { fixed: a.progress.fixedDevices, target: a.progress.targetDevices }),
          ),
        )
      : null,
    view.task
      ? h(
          'div',
          { class: 'row ticket' },
          t('colon', { label: t('ticketStatus') }),
          h('span', { class: 'badge' }, t(key('task', view.task.status))),
        )
      : null,
    by === null
      ? null
      : h('div', { class: 'row completed-by' }, t('colon', { label: t('completedBy') }), h('span', null, by)),
  ];
}

export function exceptionSummary(t: Translate, view: ExceptionView): Child[] {
  const e = view.exception;
  const scope = e.scope.kind === 'global' ? t('scope.global') : e.scope.groups.join(', ');
  return [
    h(
      'div',
      { class: 'row' },
      h('strong', null, view.recommendationName ?? e.recommendationId),
      h('span', { class: 'badge exception-status' }, t(key('status', view.status))),
    ),
    h(
      'div',
      { class: 'row muted' },
      t(key('justification', e.justification)),
      ' · ',
      scope,
      ' · ',
      t('expiresOn', { d: e.expiresOn }),
    ),
    e.context ? h('div', { class: 'muted' }, e.context) : null,
  ];
}

export const openActivityLink = (view: ActivityView): HTMLElement =>
  h('a', { href: activityHref(view.activity.id), class: 'open-activity' }, view.activity.title);

export async function downloadCsv(
  ctx: OverlayContext,
  reply: Awaited<ReturnType<typeof sendFn<'csv.activities'>>>,
  out: HTMLElement,
) {
  if (!reply.ok) {
    out.replaceChildren(errorLine(ctx.t, reply.error));
    return;
  }
  saveText(reply.value.fileName, reply.value.csv);
}
