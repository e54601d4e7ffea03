/**
 * The exceptions as a table like the activities': who created each and when, its status (R-EXC-3/4),
 * filtered by status, justification and creator, searched by recommendation, sorted by any column.
 * A row expands into its context, scope and each group's status; canceling the exception, or one of
 * its groups (R-EXC-4), asks first in the overlay's dialog, saying what ends.
 */
import { EXCEPTION_STATUSES, JUSTIFICATIONS } from '../../../core/index.ts';
import { h, render } from '../../shared/dom.ts';
import type { ExceptionView } from '../../shared/views.ts';
import { exceptionSummary, key, type OverlayContext, problems } from './common.ts';
import { confirmAction } from './confirm.ts';
import { dataTable, TableState } from './data-table.ts';
import { choiceFilter, searchBox } from './filter-controls.ts';
import {
  DEFAULT_EXCEPTION_SORT,
  type ExceptionFilter,
  type ExceptionSortKey,
  exceptionCreators,
  filterExceptions,
  NO_EXCEPTION_FILTER,
  sortExceptions,
} from './table-query.ts';

export function exceptionTable(
  ctx: OverlayContext,
  changed: () => Promise<void>,
): { show(list: readonly ExceptionView[]): HTMLElement } {
  const { t, send } = ctx;
  let filter: ExceptionFilter = NO_EXCEPTION_FILTER;
  let list: readonly ExceptionView[] = [];
  const region = h('div', { class: 'table-region' });
  const table = new TableState<ExceptionSortKey>(DEFAULT_EXCEPTION_SORT, region, () => draw());
  const count = h('p', { class: 'muted shown-count', 'aria-live': 'polite' });
  const out = h('div', { 'aria-live': 'polite' });

  const nameOf = (v: ExceptionView): string => v.recommendationName ?? v.exception.recommendationId;
  const cancelable = (v: ExceptionView): boolean => v.status === 'InEffect' || v.status === 'Suspended';

  function draw(): void {
    const shown = sortExceptions(filterExceptions(list, filter), table.sort);
    count.textContent = t('shownOf', { shown: shown.length, total: list.length });
    render(
      region,
      shown.length === 0
        ? h('p', { class: 'muted' }, t('noMatches'))
        : dataTable({
            t,
            caption: t('exceptions'),
            className: 'exceptions',
            name: { label: t('recommendation'), sortKey: 'recommendation', cell: nameOf },
            columns: [
              {
                label: t('status'),
                sortKey: 'status',
                cell: (v) => h('span', { class: 'badge exception-status' }, t(key('status', v.status))),
              },
              { label: t('justification'), cell: (v) => t(key('justification', v.justification)) },
              { label: t('createdBy'), sortKey: 'createdBy', cell: (v) => v.exception.createdBy },
              {
                label: t('createdOn'),
                sortKey: 'createdOn',
                cell: (v) => v.exception.createdOn.slice(0, 10),
              },
              { label: t('expiry'), sortKey: 'expiresOn', cell: (v) => v.exception.expiresOn },
              {
                label: t('cancel'),
                cell: (v) =>
                  cancelable(v)
                    ? h(
                        'button',
                        {
                          type: 'button',
                          class: 'cancel-exception',
                          onClick: (e) => void cancel(e, v, null),
                        },
                        t('cancelException'),
                      )
                    : null,
              },
            ],
            rows: shown,
            rowId: (v) => v.exception.id,
            rowProps: (v) => ({ class: 'exception-item', 'data-exception-id': v.exception.id }),
            state: table,
            details,
          }),
    );
  }

  function details(v: ExceptionView): HTMLElement {
    return h(
      'div',
      { class: 'exception-details' },
      exceptionSummary(t, v),
      v.groups.length > 0 && cancelable(v)
        ? h(
            'ul',
            { class: 'exception-groups' },
            v.groups.map((g) =>
              h(
                'li',
                { 'data-group': g.group },
                t('colon', { label: g.group }),
                t(key('status', g.status)),
                g.status !== 'Canceled' && v.groups.filter((x) => x.status !== 'Canceled').length > 1
                  ? [
                      ' ',
                      h(
                        'button',
                        {
                          type: 'button',
                          class: 'cancel-group',
                          onClick: (e) => void cancel(e, v, g.group),
                        },
                        t('cancelForGroup', { group: g.group }),
                      ),
                    ]
                  : null,
              ),
            ),
          )
        : null,
    );
  }

  /** R-EXC-4: for every group (`group` null) or one; the dialog says which devices count again. */
  async function cancel(e: Event, v: ExceptionView, group: string | null): Promise<void> {
    const from = e.currentTarget as HTMLElement;
    const scope =
      v.exception.scope.kind === 'global' ? t('scope.global') : v.exception.scope.groups.join(', ');
    const sure = await confirmAction(from, {
      title: t('confirmCancelTitle', { name: nameOf(v) }),
      message: group === null ? t('confirmCancelAll', { scope }) : t('confirmCancelGroup', { group }),
      confirm: group === null ? t('cancelException') : t('cancelForGroup', { group }),
      back: t('goBack'),
    });
    if (!sure) return;
    const reply = await send({ type: 'exception.cancel', exceptionId: v.exception.id, group });
    if (!reply.ok) return render(out, problems(t, reply.error, reply.fields));
    await changed();
  }

  function toolbar(): HTMLElement {
    const set = (patch: Partial<ExceptionFilter>): void => {
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
        EXCEPTION_STATUSES.map((s) => [s, t(key('status', s))] as const),
        (v) => set({ status: v as ExceptionFilter['status'] }),
      ),
      choiceFilter(
        t,
        t('justification'),
        'justification',
        filter.justification,
        JUSTIFICATIONS.map((j) => [j, t(key('justification', j))] as const),
        (v) => set({ justification: v as ExceptionFilter['justification'] }),
      ),
      choiceFilter(
        t,
        t('createdBy'),
        'createdBy',
        filter.createdBy,
        exceptionCreators(list).map((c) => [c, c] as const),
        (createdBy) => set({ createdBy }),
      ),
    );
  }

  return {
    show(next) {
      list = next;
      const bar = toolbar();
      draw();
      render(out);
      return h('div', { class: 'exception-table' }, bar, count, out, region);
    },
  };
}
