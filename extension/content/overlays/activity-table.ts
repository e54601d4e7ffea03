/**
 * The remediation activities at a team's scale: a table filtered by status, priority, device group,
 * requester and overdue (R-DUE-1), searched by name, sorted by any column; a row expands into the
 * activity's details: who asked and when, their notes, steps (R-STEP-1), progress (R-PROG-1), the
 * Intune task (R-INT-3), possible duplicates (R-MERGE-2), mark complete (R-DONE-2) and its CSV
 * (R-CSV-1).
 */
import { PRIORITIES } from '../../../core/index.ts';
import { h, render } from '../../shared/dom.ts';
import type { ActivityView } from '../../shared/views.ts';
import { activitySummary, downloadCsv, key, type OverlayContext, problems } from './common.ts';
import { confirmAction } from './confirm.ts';
import { dataTable, TableState } from './data-table.ts';
import { checkFilter, choiceFilter, searchBox } from './filter-controls.ts';
import {
  type ActivityFilter,
  type ActivitySortKey,
  activityChoices,
  DEFAULT_ACTIVITY_SORT,
  filterActivities,
  NO_ACTIVITY_FILTER,
  NO_REQUESTER,
  sortActivities,
} from './table-query.ts';
import { taskRecord } from './task-status.ts';

export interface ActivityTable {
  /**
   * Draw `list` (newest first) with the filters, sort and open rows the user chose so far, and
   * `open`'s row open (an activity opened from the dashboard), clearing filters that would hide it.
   */
  show(list: readonly ActivityView[], storedEmail: string | null, open: string | null): HTMLElement;
  /** Bring one drawn row into view and give it the focus. */
  focus(activityId: string): void;
}

export function activityTable(ctx: OverlayContext, changed: () => Promise<void>): ActivityTable {
  const { t, send } = ctx;
  let filter: ActivityFilter = NO_ACTIVITY_FILTER;
  let list: readonly ActivityView[] = [];
  let email: string | null = null;
  const region = h('div', { class: 'table-region' });
  const table = new TableState<ActivitySortKey>(DEFAULT_ACTIVITY_SORT, region, () => draw());
  const count = h('p', { class: 'muted shown-count', 'aria-live': 'polite' });

  const day = (instant: string): string => instant.slice(0, 10);

  function draw(): void {
    const shown = sortActivities(filterActivities(list, filter), table.sort);
    count.textContent = t('shownOf', { shown: shown.length, total: list.length });
    render(
      region,
      shown.length === 0
        ? h('p', { class: 'muted' }, t('noMatches'))
        : dataTable({
            t,
            caption: t('remediationActivities'),
            className: 'activities',
            name: {
              label: t('name'),
              sortKey: 'title',
              cell: (v) => [
                h('span', { class: 'title' }, v.activity.title),
                v.possibleDuplicates.length > 0
                  ? [' ', h('span', { class: 'badge warn duplicate' }, t('possibleDuplicate'))]
                  : null,
                v.overdue ? [' ', h('span', { class: 'badge bad overdue' }, t('overdue'))] : null,
              ],
            },
            columns: [
              {
                label: t('status'),
                sortKey: 'status',
                cell: (v) => t(key('activity', v.activity.status)),
              },
              {
                label: t('priority'),
                sortKey: 'priority',
                cell: (v) => t(key('priority', v.activity.priority)),
              },
              { label: t('requester'), sortKey: 'requester', cell: (v) => v.activity.requesterEmail ?? '—' },
              { label: t('createdOn'), sortKey: 'createdOn', cell: (v) => day(v.activity.createdOn) },
              {
                label: t('dueDate'),
                sortKey: 'dueOn',
                // R-ATTN-1: attention required has no due date anywhere.
                cell: (v) => (v.activity.type === 'AttentionRequired' ? '' : (v.activity.dueOn ?? '')),
              },
              {
                label: t('progress'),
                sortKey: 'progress',
                cell: (v) =>
                  v.activity.type === 'AttentionRequired'
                    ? ''
                    : `${v.activity.progress.fixedDevices} / ${v.activity.progress.targetDevices}`,
              },
            ],
            rows: shown,
            rowId: (v) => v.activity.id,
            rowProps: (v) => ({ class: 'activity', 'data-activity-id': v.activity.id }),
            state: table,
            details,
          }),
    );
  }

  function details(view: ActivityView): HTMLElement {
    const a = view.activity;
    const out = h('div', { 'aria-live': 'polite' });
    return h(
      'div',
      { class: 'activity-details' },
      activitySummary(t, view).slice(1),
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, t('requester')),
        h('dd', { class: 'requester' }, a.requesterEmail ?? '—'),
        h('dt', null, t('createdOn')),
        h('dd', { class: 'created' }, day(a.createdOn)),
        h('dt', null, t('deviceGroups')),
        h('dd', null, a.rbacGroupNames.length === 0 ? t('allGroups') : a.rbacGroupNames.join(', ')),
        h('dt', null, t('requesterNotes')),
        // Notes keep the requester's line breaks (CSS pre-wrap), as text.
        h(
          'dd',
          { class: 'requester-notes' },
          a.requesterNotes.trim() === '' ? t('noNotes') : a.requesterNotes,
        ),
      ),
      view.possibleDuplicates.length > 0
        ? h(
            'p',
            { class: 'duplicates' },
            t('duplicateOf', { titles: view.possibleDuplicates.map((d) => d.title).join('; ') }),
          )
        : null,
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
      taskRecord(ctx, view, changed, out),
      h(
        'div',
        { class: 'row' },
        a.status === 'Active' ? completeControl(view, out) : null,
        a.type !== 'AttentionRequired'
          ? h(
              'button',
              {
                type: 'button',
                class: 'export-devices',
                onClick: () =>
                  void send({ type: 'csv.activityDevices', activityId: a.id }).then((r) =>
                    downloadCsv(ctx, r, out),
                  ),
              },
              t('exportDevices'),
            )
          : null,
      ),
      out,
    );
  }

  /**
   * R-DONE-2: completing by hand cannot be undone (the first completion stands), so the overlay's
   * dialog says first how many devices it leaves exposed. The email is asked for here the first
   * time only.
   */
  function completeControl(view: ActivityView, out: HTMLElement): HTMLElement {
    const emailInput =
      email === null
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
        const exposed = view.stillExposed;
        const sure = await confirmAction(form, {
          title: t('confirmCompleteTitle', { title: view.activity.title }),
          message:
            exposed === null
              ? t('confirmCompleteUntracked')
              : exposed > 0
                ? t('confirmCompleteExposed', { n: exposed })
                : t('confirmCompleteNone'),
          confirm: t('markComplete'),
          back: t('goBack'),
        });
        if (!sure) return;
        const reply = await send({
          type: 'activity.markComplete',
          activityId: view.activity.id,
          email: emailInput ? emailInput.value : (email ?? ''),
        });
        if (!reply.ok) return out.replaceChildren(problems(t, reply.error, reply.fields));
        await changed();
      })();
    });
    return form;
  }

  function toolbar(): HTMLElement {
    const choices = activityChoices(list);
    const set = (patch: Partial<ActivityFilter>): void => {
      filter = { ...filter, ...patch };
      draw();
    };
    return h(
      'div',
      { class: 'row filters', role: 'search', 'aria-label': t('filters') },
      searchBox(t, filter.search, (search) => set({ search })),
      choiceFilter(
        t,
        t('status'),
        'status',
        filter.status,
        (['Active', 'Completed'] as const).map((s) => [s, t(key('activity', s))] as const),
        (v) => set({ status: v as ActivityFilter['status'] }),
      ),
      choiceFilter(
        t,
        t('priority'),
        'priority',
        filter.priority,
        PRIORITIES.map((p) => [p, t(key('priority', p))] as const),
        (v) => set({ priority: v as ActivityFilter['priority'] }),
      ),
      choiceFilter(
        t,
        t('deviceGroup'),
        'group',
        filter.group,
        choices.groups.map((g) => [g, g] as const),
        (group) => set({ group }),
      ),
      choiceFilter(
        t,
        t('requester'),
        'requester',
        filter.requester,
        choices.requesters.map((r) => [r, r === NO_REQUESTER ? t('noRequester') : r] as const),
        (requester) => set({ requester }),
      ),
      checkFilter(t('overdueOnly'), 'overdue', filter.overdueOnly, (overdueOnly) => set({ overdueOnly })),
    );
  }

  return {
    show(next, storedEmail, open) {
      list = next;
      email = storedEmail;
      const opened = open === null ? undefined : list.find((v) => v.activity.id === open);
      if (opened) {
        if (filterActivities([opened], filter).length === 0) filter = NO_ACTIVITY_FILTER;
        table.expanded.add(opened.activity.id);
      }
      const bar = toolbar();
      draw();
      return h('div', { class: 'activity-table' }, bar, count, region);
    },
    focus(activityId) {
      const row = region.querySelector<HTMLElement>(`tr[data-activity-id="${CSS.escape(activityId)}"]`);
      row?.classList.add('selected');
      row?.scrollIntoView({ block: 'center' });
      row?.focus();
    },
  };
}
