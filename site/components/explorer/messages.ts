/**
 * The strings the explorer island shows, worded on the server in the page's language and handed
 * to it as a prop: the island holds no dictionary of its own. The island imports only the type.
 */
import {
  ACTIVITY_DEVICE_STATES,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  EXCEPTION_STATUSES,
  JUSTIFICATIONS,
  PRIORITIES,
} from '../../../core/index.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';

const OWN = [
  'explorer.loading',
  'explorer.failed',
  'explorer.find',
  'explorer.query',
  'explorer.noMatch',
  'explorer.firstOf',
  'explorer.deviceId',
  'explorer.unnamed',
  'explorer.targetedBy',
  'explorer.exceptionsOf',
  'explorer.coversGroup',
  'explorer.yes',
  'explorer.no',
  'explorer.none',
  'explorer.filter',
  'explorer.text',
  'filter.all',
  'filter.status',
  'filter.type',
  'filter.priority',
  'filter.group',
  'filter.shown',
  'col.activity',
  'col.status',
  'col.type',
  'col.priority',
  'col.groups',
  'col.group',
  'col.due',
  'col.state',
  'col.device',
  'col.recommendation',
  'col.justification',
  'col.scope',
  'col.expires',
  'col.activities',
  'col.exceptions',
  'value.allGroups',
  'scope.global',
  'nav.recommendations',
] as const satisfies readonly MessageKey[];

/** The domain's terms the island words values with (core's, through the site's keys). */
const terms = () =>
  [
    ...ACTIVITY_STATUSES.map((v) => `status.${v}` as const),
    ...ACTIVITY_TYPES.map((v) => `type.${v}` as const),
    ...PRIORITIES.map((v) => `priority.${v}` as const),
    ...ACTIVITY_DEVICE_STATES.map((v) => `device.${v}` as const),
    ...EXCEPTION_STATUSES.map((v) => `exc.${v}` as const),
    ...JUSTIFICATIONS.map((v) => `just.${v}` as const),
  ] satisfies MessageKey[];

export type ExplorerKey = (typeof OWN)[number] | ReturnType<typeof terms>[number];
export type ExplorerMessages = Readonly<Record<ExplorerKey, string>>;

/** The island's strings in one language; placeholders (`{shown}`) are left for it to fill. */
export const explorerMessages = (t: Translate): ExplorerMessages =>
  Object.fromEntries([...OWN, ...terms()].map((key) => [key, t(key)])) as Record<ExplorerKey, string>;
