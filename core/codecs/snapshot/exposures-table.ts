import { canonicalOrder } from '../../model/canonical-order.ts';
import { type Exposure, SEVERITY_LEVELS } from '../../model/exposure.ts';
import { deviceId, recommendationId } from '../../model/ids.ts';
import { integer, oneOf, optionalText, snapshotInstant } from './cells.ts';
import { compositeKey, defineTable } from './table.ts';

const SEVERITY = oneOf(SEVERITY_LEVELS);

/** The biggest file of a snapshot (a row per device × recommendation): its decoder is benchmarked. */
export const exposuresTable = defineTable({
  file: 'exposures.csv',
  columns: ['recommendationId', 'deviceId', 'vulnerabilities', 'highestSeverity', 'firstSeen', 'lastSeen'],
  keyField: 'recommendationId',
  key: (e: Exposure) => compositeKey(e.deviceId, e.recommendationId),
  order: canonicalOrder.exposures,
  orderedByKey: true,
  encode: (e: Exposure) => ({
    recommendationId: e.recommendationId,
    deviceId: e.deviceId,
    vulnerabilities: String(e.vulnerabilities),
    highestSeverity: optionalText(e.highestSeverity),
    firstSeen: optionalText(e.firstSeen),
    lastSeen: optionalText(e.lastSeen),
  }),
  // Ids and times repeat across rows (a device per recommendation, a time per scan): interned, a
  // million kept rows share them instead of each holding its own copies.
  decode: (row): Exposure => ({
    recommendationId: row.interned('recommendationId', recommendationId),
    deviceId: row.interned('deviceId', deviceId),
    vulnerabilities: row.parse('vulnerabilities', integer),
    highestSeverity: row.optional('highestSeverity', SEVERITY),
    firstSeen: row.optionalInterned('firstSeen', snapshotInstant),
    lastSeen: row.optionalInterned('lastSeen', snapshotInstant),
  }),
});
