import { counted } from '../../counted.ts';
import { exposureKey } from '../../model/apply-changes.ts';
import type { Device } from '../../model/device.ts';
import { DELTA_STATUSES, type ExposureChange, SEVERITY_LEVELS } from '../../model/exposure.ts';
import { type DeviceId, deviceId, type RecommendationId, recommendationId } from '../../model/ids.ts';
import type { Instant } from '../../model/time.ts';
import { exportStampKey, instantOfKey, type ParsedVendorBatch, type RowAccumulator } from './export-rows.ts';
import { FieldReader } from './fields.ts';
import { readDeviceGroup } from './machine-references.ts';

/**
 * One row's subject — a software version's vulnerability (or the version itself, on rows that name
 * no CVE) — of a device × recommendation, by its events in the delta.
 */
interface Item {
  /** Its CVE; null on rows that name none. */
  readonly cve: string | null;
  /** The latest event's time (a key of `exportStampKey`) and whether it said Fixed. */
  at: number;
  fixedLast: boolean;
  /** The earliest event's time, and whether it said New: a vulnerability that came and went. */
  earliest: number;
  newFirst: boolean;
  sawFixed: boolean;
  sawExposed: boolean;
  updated: boolean;
  severity: number;
  firstSeen: number;
}

interface Cell {
  readonly deviceId: DeviceId;
  readonly recommendationId: RecommendationId;
  readonly items: Map<string, Item>;
}

/** A device as the latest row that shows it still exposed describes it (its group after a move). */
interface SeenDevice {
  device: Device;
  at: number;
}

/**
 * The delta export (`SoftwareVulnerabilityChangesByMachine`): rows of the full export plus `status`
 * (New, Fixed, Updated) and `eventTimestamp`, folded into one ExposureChange per device ×
 * recommendation (see ExposureChange for how its vulnerabilities are counted). A delta spans at
 * most 14 days, so it is far smaller than the full export: it is kept in maps.
 *
 * Devices are taken only from rows that show them exposed (New or Updated): a Fixed row says
 * nothing of a device the archive does not know, and a device that moved group is described by its
 * row in the new group.
 */
export function createVulnerabilityDeltaAccumulator(file: string, after?: Instant): RowAccumulator {
  const f = new FieldReader(file);
  // The vendor answers every change of the six-hour run that `sinceTime` falls in: the changes up to
  // the archive's own time for its exposures are in it already, and are passed over.
  const seenUpTo = after === undefined ? Number.NaN : exportStampKey(after);
  let passed = 0;
  const cells = new Map<string, Cell>();
  const devices = new Map<DeviceId, SeenDevice>();
  let skipped = 0;
  let newest = Number.NaN;
  const stamp = (name: string): number => {
    const text = f.optString(name);
    return text === null ? Number.NaN : f.parsed(name, text, exportStampKey);
  };
  return {
    add(record, line, path = '$') {
      f.at(record, line, path);
      const device = f.id('deviceId', deviceId);
      const rawRec = f.optString('recommendationReference');
      const status = f.oneOf('status', DELTA_STATUSES);
      const at = stamp('eventTimestamp');
      if (Number.isNaN(at)) throw f.error('eventTimestamp', 'is missing');
      if (at <= seenUpTo) {
        passed++;
        return;
      }
      if (!(at <= newest)) newest = at;
      const fixed = status === 'Fixed';
      if (!fixed) {
        const seen = devices.get(device);
        if (!seen || seen.at <= at)
          devices.set(device, {
            at,
            device: {
              id: device,
              computerDnsName: f.text('deviceName'),
              osPlatform: f.text('osPlatform'),
              rbacGroupName: readDeviceGroup(f, 'rbacGroupName'),
              machineTags: [],
              exposureLevel: null,
              riskScore: null,
              lastSeen: null,
            },
          });
      }
      if (rawRec === null) {
        skipped++;
        return;
      }
      const rec = f.parsed('recommendationReference', rawRec, recommendationId);
      const severity = f.optOneOf('vulnerabilitySeverityLevel', SEVERITY_LEVELS);
      const firstSeen = stamp('firstSeenTimestamp');
      const cve = f.optString('cveId');
      const theCve = cve !== null && cve !== '' ? cve : null;
      // A vulnerability of one installed version: an upgrade to a version still exposed to the same
      // CVE is two items (one Fixed, one New), whichever run each event fell in.
      const itemKey = `${f.text('softwareVendor')}|${f.text('softwareName')}|${f.text('softwareVersion')}|${theCve ?? ''}`;
      const cellKey = exposureKey({ deviceId: device, recommendationId: rec });
      let cell = cells.get(cellKey);
      if (!cell) {
        cell = { deviceId: device, recommendationId: rec, items: new Map() };
        cells.set(cellKey, cell);
      }
      const rank = severity === null ? -1 : SEVERITY_LEVELS.indexOf(severity);
      const item = cell.items.get(itemKey);
      if (!item) {
        cell.items.set(itemKey, {
          cve: theCve,
          at,
          fixedLast: fixed,
          earliest: at,
          newFirst: status === 'New',
          sawFixed: fixed,
          sawExposed: !fixed,
          updated: status === 'Updated',
          severity: fixed ? -1 : rank,
          firstSeen: fixed ? Number.NaN : firstSeen,
        });
        return;
      }
      // The latest event wins; at the same time, a row that shows the vulnerability still exposed
      // wins over Fixed (a device moved group, or the software was upgraded, in the same run).
      if (at > item.at || (at === item.at && !fixed)) {
        item.at = at;
        item.fixedLast = fixed;
      }
      // New at the earliest time, whatever came with it then, means it appeared in this delta.
      if (at < item.earliest) {
        item.earliest = at;
        item.newFirst = status === 'New';
      } else if (at === item.earliest && status === 'New') item.newFirst = true;
      item.sawFixed ||= fixed;
      item.sawExposed ||= !fixed;
      item.updated ||= status === 'Updated';
      if (!fixed) {
        if (rank > item.severity) item.severity = rank;
        if (firstSeen < item.firstSeen || Number.isNaN(item.firstSeen)) item.firstSeen = firstSeen;
      }
    },
    finish(observedAt?: Instant): ParsedVendorBatch {
      const changes: ExposureChange[] = [];
      for (const cell of cells.values()) changes.push(changeOf(cell));
      const at = observedAt ?? instantOfKey(newest) ?? after ?? null;
      if (at === null)
        throw f.error('eventTimestamp', 'the delta has no rows to date it: give the time it was taken');
      return {
        kind: 'exposureDelta',
        changes,
        devices: [...devices.values()].map((d) => d.device),
        observedAt: at,
        warnings: [
          ...(skipped === 0
            ? []
            : [
                {
                  file,
                  field: 'recommendationReference',
                  count: skipped,
                  message: `${counted(skipped, 'row')} without a recommendationReference ${skipped === 1 ? 'was' : 'were'} skipped`,
                },
              ]),
          ...(passed === 0
            ? []
            : [
                {
                  file,
                  field: 'eventTimestamp',
                  count: passed,
                  message: `${counted(passed, 'change')} at or before ${after} ${passed === 1 ? 'is' : 'are'} in the archive already and ${passed === 1 ? 'was' : 'were'} passed over`,
                },
              ]),
        ],
      };
    },
  };
}

/** How a vulnerability's items end in the delta. */
type Outcome = 'fixed' | 'added' | 'kept' | 'passing';

function outcomeOf(item: Item): Outcome {
  if (item.fixedLast)
    // New, then Fixed, in the one delta: it came and went, and says nothing of what the archive holds.
    return item.newFirst && item.earliest < item.at ? 'passing' : 'fixed';
  return item.sawFixed || item.updated ? 'kept' : 'added';
}

/**
 * One device × recommendation's change, counted as the full export counts an exposure: by distinct
 * CVE. A CVE is fixed when every item of it ends Fixed; kept when any item of it is still exposed
 * and it was there before (Updated, or also Fixed: a move, an upgrade); added when it is only New.
 * Items without a CVE count apart (the full export does not count them).
 */
function changeOf(cell: Cell): ExposureChange {
  const byCve = new Map<string, Outcome[]>();
  const noCve = { fixed: 0, exposed: 0 };
  let severity = -1;
  let firstSeen = Number.NaN;
  let latest = Number.NaN;
  for (const item of cell.items.values()) {
    if (!(item.at <= latest)) latest = item.at;
    const outcome = outcomeOf(item);
    if (outcome === 'added' || outcome === 'kept') {
      if (item.severity > severity) severity = item.severity;
      if (item.firstSeen < firstSeen || Number.isNaN(firstSeen)) firstSeen = item.firstSeen;
    }
    if (item.cve === null) {
      if (outcome === 'fixed') noCve.fixed++;
      else if (outcome !== 'passing') noCve.exposed++;
      continue;
    }
    const list = byCve.get(item.cve);
    if (list) list.push(outcome);
    else byCve.set(item.cve, [outcome]);
  }
  let fixed = 0;
  let added = 0;
  let kept = 0;
  for (const outcomes of byCve.values()) {
    const exposed = outcomes.filter((o) => o === 'added' || o === 'kept');
    if (exposed.length === 0) {
      if (outcomes.includes('fixed')) fixed++;
    } else if (exposed.includes('kept') || outcomes.includes('fixed')) kept++;
    else added++;
  }
  return {
    deviceId: cell.deviceId,
    recommendationId: cell.recommendationId,
    fixed,
    added,
    kept,
    fixedWithoutCve: noCve.fixed,
    exposedWithoutCve: noCve.exposed,
    highestSeverity: SEVERITY_LEVELS[severity] ?? null,
    firstSeen: instantOfKey(firstSeen),
    eventTimestamp: instantOfKey(latest) as Instant,
  };
}
