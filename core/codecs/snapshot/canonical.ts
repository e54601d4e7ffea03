import type { State } from '../../model/state.ts';
import { compareKeys, type Table } from './table.ts';
import { SNAPSHOT_TABLES as T } from './tables.ts';

const sorted = <T, C extends string>(table: Table<T, C>, rows: readonly T[]): readonly T[] => {
  const order = table.order ?? table.key;
  return rows
    .map((row) => ({ row, k: order(row) }))
    .sort((a, b) => compareKeys(a.k, b.k))
    .map((x) => x.row);
};

/**
 * The canonical order of a State: every table sorted by its key (events by time, then id), keys
 * compared by code unit. Lists inside a row (tags, groups) keep their order: they are data.
 */
export const canonicalState = (s: State): State => ({
  recommendations: sorted(T.recommendations, s.recommendations),
  devices: sorted(T.devices, s.devices),
  exposures: sorted(T.exposures, s.exposures),
  activities: sorted(T.activities, s.activities),
  activityDevices: sorted(T.activityDevices, s.activityDevices),
  tasks: sorted(T.tasks, s.tasks),
  exceptions: sorted(T.exceptions, s.exceptions),
  events: sorted(T.events, s.events),
});
