// Filters and sorts the activities table. The table is whole in the HTML; this only hides rows
// and reorders them. When the list spans several pages, the other pages' rows are fetched once,
// on first use, so the filter covers every activity.
const form = document.querySelector<HTMLFormElement>('form.filters');
const tbody = document.querySelector<HTMLTableSectionElement>('table.activities tbody');

if (form && tbody) {
  const output = form.querySelector('output');
  const pages: string[] = JSON.parse(form.dataset.pages ?? '[]');
  let loaded: Promise<void> | null = pages.length > 1 ? null : Promise.resolve();

  const loadAll = async (): Promise<void> => {
    const here = new URL(location.href).pathname;
    const others = pages.filter((p) => new URL(p, location.href).pathname !== here);
    const docs = await Promise.all(
      others.map(async (p) => new DOMParser().parseFromString(await (await fetch(p)).text(), 'text/html')),
    );
    for (const doc of docs) {
      for (const tr of doc.querySelectorAll('table.activities tbody tr'))
        tbody.append(document.importNode(tr, true));
    }
    document.querySelector('nav.pager')?.setAttribute('hidden', '');
  };

  const value = (name: string): string =>
    (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
  const keyOf: Record<string, (tr: HTMLTableRowElement) => string | number> = {
    order: (tr) => Number(tr.dataset.order),
    due: (tr) => tr.dataset.due || '\uffff',
    created: (tr) => -Date.parse(tr.dataset.created ?? ''),
    title: (tr) => (tr.cells[0]?.textContent ?? '').toLocaleLowerCase(),
    progress: (tr) => (tr.dataset.progress === '' ? 2 : Number(tr.dataset.progress)),
  };

  const apply = async (): Promise<void> => {
    loaded ??= loadAll();
    await loaded;
    const status = value('status');
    const type = value('type');
    const priority = value('priority');
    const group = value('group');
    const overdue = (form.elements.namedItem('overdue') as HTMLInputElement).checked;
    const rows = [...tbody.rows];
    let shown = 0;
    for (const tr of rows) {
      const d = tr.dataset;
      const groups = d.groups ? d.groups.split('\n') : [];
      const match =
        (!status || d.status === status) &&
        (!type || d.type === type) &&
        (!priority || d.priority === priority) &&
        // An activity for all groups (no groups named) applies to every group.
        (!group || groups.length === 0 || groups.includes(group)) &&
        (!overdue || d.overdue === '1');
      tr.hidden = !match;
      if (match) shown++;
    }
    const key = keyOf[value('sort')] ?? keyOf.order;
    if (key) {
      const sorted = rows
        .map((tr) => ({ tr, k: key(tr) }))
        .sort((a, b) =>
          a.k < b.k ? -1 : a.k > b.k ? 1 : Number(a.tr.dataset.order) - Number(b.tr.dataset.order),
        );
      tbody.append(...sorted.map((s) => s.tr));
    }
    if (output) {
      output.textContent = (output.dataset.template ?? '')
        .replace('{shown}', shown.toLocaleString(document.documentElement.lang))
        .replace('{total}', rows.length.toLocaleString(document.documentElement.lang));
    }
  };

  form.hidden = false;
  form.addEventListener('change', () => void apply());
  form.addEventListener('submit', (e) => e.preventDefault());
}
