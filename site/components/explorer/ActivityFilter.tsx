/**
 * Filters every activity of the report at once (the activities list pages them 100 at a time):
 * by status, type, priority, device group and text in its title or its recommendation's name.
 */
import { useId, useMemo, useState } from 'react';
import type { ExplorerData } from '../../lib/explorer-file.ts';
import type { ExplorerKey } from './messages.ts';
import { ActivitiesTable } from './parts.tsx';
import type { Words } from './words.ts';

interface Criteria {
  readonly status: string;
  readonly type: string;
  readonly priority: string;
  readonly group: string;
  readonly text: string;
}

const NONE: Criteria = { status: '', type: '', priority: '', group: '', text: '' };

export function ActivityFilter({
  data,
  w,
  home,
}: {
  readonly data: ExplorerData;
  readonly w: Words;
  readonly home: string;
}) {
  const { file } = data;
  const id = useId();
  const [c, setC] = useState<Criteria>(NONE);
  const a = file.activities;
  const rows = useMemo(() => {
    const text = c.text.trim().toLowerCase();
    return a.titles.flatMap((title, k) => {
      const groups = a.groups[k] ?? [];
      const rec = file.recommendations.names[a.recommendation[k] ?? -1] ?? '';
      const match =
        (c.status === '' || String(a.status[k]) === c.status) &&
        (c.type === '' || String(a.type[k]) === c.type) &&
        (c.priority === '' || String(a.priority[k]) === c.priority) &&
        // An activity for all groups (none named) applies to every group, as in the activities list.
        (c.group === '' || groups.length === 0 || groups.includes(Number(c.group))) &&
        (text === '' || title.toLowerCase().includes(text) || rec.toLowerCase().includes(text));
      return match ? [k] : [];
    });
  }, [a, file, c]);

  const select = (
    name: Exclude<keyof Criteria, 'text'>,
    label: ExplorerKey,
    options: readonly (readonly [number, string])[],
  ) => (
    <label>
      {w.t(label)}
      <select name={name} value={c[name]} onChange={(e) => setC({ ...c, [name]: e.target.value })}>
        <option value="">{w.t('filter.all')}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section aria-labelledby={`${id}-h`} className="explorer-filter">
      <h2 id={`${id}-h`}>{w.t('explorer.filter')}</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        {select(
          'status',
          'filter.status',
          file.activityStatuses.map((s, k) => [k, w.t(`status.${s}`)] as const),
        )}
        {select(
          'type',
          'filter.type',
          file.activityTypes.map((t, k) => [k, w.t(`type.${t}`)] as const),
        )}
        {select(
          'priority',
          'filter.priority',
          file.priorities.map((p, k) => [k, w.t(`priority.${p}`)] as const),
        )}
        {select(
          'group',
          'filter.group',
          file.groups.map((g, k) => [k, g] as const),
        )}
        <label>
          {w.t('explorer.text')}
          <input
            type="search"
            name="text"
            value={c.text}
            onChange={(e) => setC({ ...c, text: e.target.value })}
          />
        </label>
        <output aria-live="polite">
          {w.t('filter.shown', { shown: rows.length, total: a.titles.length })}
        </output>
      </form>
      <ActivitiesTable file={file} w={w} home={home} rows={rows} />
    </section>
  );
}
