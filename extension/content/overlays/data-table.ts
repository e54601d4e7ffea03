/**
 * An accessible table whose column headers sort it (aria-sort on the header, a button inside it)
 * and whose rows expand into a details row below them (a button with aria-expanded/aria-controls).
 * Both tables of the remediation page are drawn with it; what they show is theirs.
 */
import { type Child, h } from '../../shared/dom.ts';
import type { Translate } from '../../shared/i18n.ts';
import { nextSort, type Sort } from './table-query.ts';

/**
 * What a table keeps between draws: its sort and its open rows. A change draws the table again
 * (`redraw`, the owner's), then puts the focus back on the button that made it.
 */
export class TableState<K extends string> {
  readonly expanded = new Set<string>();

  constructor(
    public sort: Sort<K>,
    private readonly region: ParentNode,
    private readonly redraw: () => void,
  ) {}

  sortBy(key: K): void {
    this.sort = nextSort(this.sort, key);
    this.redraw();
    this.region.querySelector<HTMLElement>(`th[data-sort-key="${CSS.escape(key)}"] button`)?.focus();
  }

  toggle(id: string): void {
    if (!this.expanded.delete(id)) this.expanded.add(id);
    this.redraw();
    this.region.querySelector<HTMLElement>(`tr[data-row-id="${CSS.escape(id)}"] button.expand`)?.focus();
  }
}

export interface Column<T, K extends string> {
  readonly label: string;
  /** Present when the column sorts the table. */
  readonly sortKey?: K;
  readonly cell: (row: T) => Child;
}

export interface TableSpec<T, K extends string> {
  readonly t: Translate;
  readonly caption: string;
  readonly className: string;
  /** The first column: the row's name, a row header holding the expand button. */
  readonly name: Column<T, K>;
  readonly columns: readonly Column<T, K>[];
  readonly rows: readonly T[];
  readonly rowId: (row: T) => string;
  /** Attributes of a row (its class, the id tests and links find it by). */
  readonly rowProps: (row: T) => Record<string, string>;
  readonly state: TableState<K>;
  readonly details: (row: T) => Child;
}

const domId = (prefix: string, id: string): string => `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function dataTable<T, K extends string>(s: TableSpec<T, K>): HTMLTableElement {
  const all = [s.name, ...s.columns];
  const header = (c: Column<T, K>): HTMLElement => {
    const key = c.sortKey;
    if (key === undefined) return h('th', { scope: 'col' }, c.label);
    const sort = s.state.sort;
    const sorted = sort.key === key;
    return h(
      'th',
      { scope: 'col', 'aria-sort': sorted ? sort.direction : 'none', 'data-sort-key': key },
      h(
        'button',
        { type: 'button', class: 'sort', onClick: () => s.state.sortBy(key) },
        c.label,
        // The arrow is decoration: aria-sort already says it.
        h('span', { 'aria-hidden': 'true' }, sorted ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''),
      ),
    );
  };
  const body = s.rows.flatMap((row) => {
    const id = s.rowId(row);
    const open = s.state.expanded.has(id);
    const detailsId = domId(`rd-${s.className}-details`, id);
    const main = h(
      'tr',
      { ...s.rowProps(row), 'data-row-id': id, 'data-expanded': String(open), tabindex: -1 },
      h(
        'th',
        { scope: 'row' },
        h(
          'button',
          {
            type: 'button',
            class: 'expand',
            'aria-expanded': String(open),
            'aria-controls': open ? detailsId : null,
            onClick: () => s.state.toggle(id),
          },
          h('span', { 'aria-hidden': 'true' }, open ? '▾ ' : '▸ '),
          s.name.cell(row),
        ),
      ),
      s.columns.map((c) => h('td', null, c.cell(row))),
    );
    return open
      ? [
          main,
          h(
            'tr',
            { class: 'details', id: detailsId },
            h('td', { colspan: all.length, 'aria-label': s.t('details') }, s.details(row)),
          ),
        ]
      : [main];
  });
  return h(
    'table',
    { class: `data ${s.className}` },
    h('caption', { class: 'visually-hidden' }, s.caption),
    h('thead', null, h('tr', null, all.map(header))),
    h('tbody', null, body),
  );
}
