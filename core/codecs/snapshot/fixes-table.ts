import { canonicalOrder, sortedBy } from '../../model/canonical-order.ts';
import { type ExposureFix, SEVERITY_LEVELS } from '../../model/exposure.ts';
import { deviceGroupName, deviceId, recommendationId } from '../../model/ids.ts';
import { csvDocument } from '../csv/write.ts';
import { oneOf, optionalText, snapshotInstant } from './cells.ts';
import { compositeKey, defineTable, encodeRow } from './table.ts';

/**
 * `fixes.csv`, beside an archived snapshot's tables: the exposures its picture no longer shows that
 * the snapshot before it did, on devices still in the data (`exposureFixes`). Not part of the
 * state (a snapshot zip has none, the manifest names none, decoding ignores it): the archive derives
 * it when it writes the snapshot, so the metrics need not decode every snapshot's exposures.
 */
export const FIXES_FILE = 'fixes.csv';

export const fixesTable = defineTable({
  file: FIXES_FILE,
  columns: ['recommendationId', 'deviceId', 'rbacGroupName', 'highestSeverity', 'firstSeen', 'fixedAt'],
  keyField: 'recommendationId',
  key: (f: ExposureFix) => compositeKey(f.deviceId, f.recommendationId),
  order: canonicalOrder.exposures,
  orderedByKey: true,
  encode: (f: ExposureFix) => ({
    recommendationId: f.recommendationId,
    deviceId: f.deviceId,
    rbacGroupName: f.group,
    highestSeverity: optionalText(f.severity),
    firstSeen: optionalText(f.firstSeen),
    fixedAt: f.fixedAt,
  }),
  decode: (row): ExposureFix => ({
    recommendationId: row.interned('recommendationId', recommendationId),
    deviceId: row.interned('deviceId', deviceId),
    group: row.interned('rbacGroupName', deviceGroupName),
    severity: row.optional('highestSeverity', oneOf(SEVERITY_LEVELS)),
    firstSeen: row.optionalInterned('firstSeen', snapshotInstant),
    fixedAt: row.interned('fixedAt', snapshotInstant),
  }),
});

/** The fixes of one snapshot as `fixes.csv`: in the exposures' order, so the same fixes give the same bytes. */
export const fixesFileBytes = (fixes: readonly ExposureFix[]): Uint8Array =>
  new TextEncoder().encode(
    csvDocument(
      fixesTable.columns,
      sortedBy(fixes, canonicalOrder.exposures).map((f) => encodeRow(fixesTable, f)),
    ),
  );
