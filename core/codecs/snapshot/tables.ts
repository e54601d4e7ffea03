import type { State } from '../../model/state.ts';
import { activitiesTable } from './activities-table.ts';
import { activityDevicesTable } from './activity-devices-table.ts';
import { devicesTable } from './devices-table.ts';
import { eventsTable } from './events-table.ts';
import { exceptionsTable } from './exceptions-table.ts';
import { exposuresTable } from './exposures-table.ts';
import { recommendationsTable } from './recommendations-table.ts';
import { tasksTable } from './tasks-table.ts';

/** Every CSV file of a snapshot, by the State field it holds. */
export const SNAPSHOT_TABLES = {
  recommendations: recommendationsTable,
  devices: devicesTable,
  exposures: exposuresTable,
  activities: activitiesTable,
  activityDevices: activityDevicesTable,
  tasks: tasksTable,
  exceptions: exceptionsTable,
  events: eventsTable,
} as const satisfies { readonly [K in keyof State]: { readonly file: string } };

export const SNAPSHOT_CSV_FILES: readonly string[] = Object.values(SNAPSHOT_TABLES)
  .map((t) => t.file)
  .sort();

export const MANIFEST_FILE = 'manifest.json';
