import type { Exposure, SeverityLevel } from '../../model/exposure.ts';
import { deviceId, recommendationId } from '../../model/ids.ts';
import { integer, oneOf, optionalText, snapshotInstant } from './cells.ts';
import { compositeKey, defineTable } from './table.ts';

const SEVERITIES: readonly SeverityLevel[] = ['Low', 'Medium', 'High', 'Critical'];

/** The biggest file of a snapshot (a row per device × recommendation): its decoder is benchmarked. */
export const exposuresTable = defineTable({
  file: 'exposures.csv',
  columns: ['recommendationId', 'deviceId', 'vulnerabilities', 'highestSeverity', 'firstSeen', 'lastSeen'],
  keyField: 'deviceId',
  key: (e: Exposure) => compositeKey(e.recommendationId, e.deviceId),
  encode: (e: Exposure) => ({
    recommendationId: e.recommendationId,
    deviceId: e.deviceId,
    vulnerabilities: String(e.vulnerabilities),
    highestSeverity: optionalText(e.highestSeverity),
    firstSeen: optionalText(e.firstSeen),
    lastSeen: optionalText(e.lastSeen),
  }),
  decode: (row): Exposure => ({
    recommendationId: row.parse('recommendationId', recommendationId),
    deviceId: row.parse('deviceId', deviceId),
    vulnerabilities: row.parse('vulnerabilities', integer),
    highestSeverity: row.optional('highestSeverity', oneOf(SEVERITIES)),
    firstSeen: row.optional('firstSeen', snapshotInstant),
    lastSeen: row.optional('lastSeen', snapshotInstant),
  }),
});
