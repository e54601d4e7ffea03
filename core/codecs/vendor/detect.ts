import { InputError } from '../../errors.ts';
import type { DeviceLink, VendorBatchKind } from '../../model/batch.ts';
import type { Instant } from '../../model/time.ts';
import { parseActivities } from './activities.ts';
import type { ParsedVendorBatch } from './export-rows.ts';
import { isJsonObject, type JsonRecord } from './fields.ts';
import type { JsonDocument } from './json-document.ts';
import { parseMachineReferences } from './machine-references.ts';
import { parseMachines } from './machines.ts';
import { parseRecommendations } from './recommendations.ts';

export interface VendorParseOptions {
  /** What machine references were fetched for (`--for activity:ID`), when the caller knows. */
  readonly link?: DeviceLink;
  /**
   * A delta's changes at or before this time are in the archive already (its exposures' own time,
   * see TableOrigin) and are passed over.
   */
  readonly changesAfter?: Instant;
  /** When an exposure export was taken; defaults to its listing's generatedTime, else its newest row timestamp. */
  readonly observedAt?: Instant;
}

// Checked in order, the more specific first: `RemediationTasks('…')/machineReferences` is a list of
// machine references, DeltaAssetVulnerability is not the full AssetVulnerability export.
const CONTEXTS: readonly (readonly [RegExp, VendorFileKind])[] = [
  [/ExportFilesResponse/i, 'exportFiles'],
  [/MachineReference/i, 'machineReferences'],
  [/#RemediationTasks\b/i, 'activities'],
  [/Delta\w*Vulnerabilit|Vulnerabilit\w*Change/i, 'exposureDelta'],
  [/AssetVulnerability|SoftwareVulnerabilit/i, 'exposures'],
  [/#Recommendations\b/i, 'recommendations'],
  [/#Machines\b/i, 'machines'],
];

/** Fields only a machine entity has; a bare `{id, computerDnsName, osPlatform, rbacGroupName}` is a reference. */
const MACHINE_ONLY = [
  'lastSeen',
  'firstSeen',
  'machineTags',
  'exposureLevel',
  'riskScore',
  'healthStatus',
  'osVersion',
];

/**
 * What a vendor file holds: one of the batches, or `exportFiles`, the listing of a via-files export
 * (the addresses of its parts and when it was generated).
 */
export type VendorFileKind = Exclude<VendorBatchKind, 'exposuresSeen'> | 'exportFiles';

/** Which vendor file a record comes from, by its fields alone; null when none fits. */
export function vendorKindOfRecord(r: Record<string, unknown>): VendorFileKind | null {
  const has = (k: string): boolean => k in r;
  if (has('exportFiles')) return 'exportFiles';
  if (has('recommendationName') || has('remediationType')) return 'recommendations';
  if (has('deviceId') && (has('recommendationReference') || has('cveId') || has('softwareName'))) {
    return has('eventTimestamp') ? 'exposureDelta' : 'exposures';
  }
  if (has('requesterEmail') || has('targetDevices') || has('rbacGroupNames')) return 'activities';
  if (has('computerDnsName')) return MACHINE_ONLY.some(has) ? 'machines' : 'machineReferences';
  return null;
}

/**
 * Which vendor file this is: from `@odata.context` when present (the API names its entity set),
 * else from the fields of the first record.
 */
export function detectVendorKind(doc: JsonDocument, file: string): VendorFileKind {
  if (doc.context !== null) {
    for (const [pattern, kind] of CONTEXTS) if (pattern.test(doc.context)) return kind;
  }
  const first = doc.records[0];
  const kind = first !== undefined && isJsonObject(first.value) ? vendorKindOfRecord(first.value) : null;
  if (kind !== null) return kind;
  throw new InputError([
    {
      file,
      line: first?.line ?? null,
      path: first?.path ?? '$',
      field: null,
      message:
        first === undefined
          ? 'the file has no records and no @odata.context: cannot tell which vendor file it is'
          : 'not a known vendor file (recommendations, remediation activities, machine references, machines, or a software-vulnerabilities export)',
    },
  ]);
}

/** The vendor files whose records are parsed whole; exposure exports are gathered by VendorImport. */
export type RecordFileKind = Exclude<VendorFileKind, 'exposures' | 'exposureDelta' | 'exportFiles'>;

/** Parse records already split from a vendor file of a known kind. */
export function parseVendorRecords(
  records: readonly JsonRecord[],
  file: string,
  kind: RecordFileKind,
  opts: VendorParseOptions = {},
): ParsedVendorBatch {
  switch (kind) {
    case 'recommendations':
      return { kind, recommendations: parseRecommendations(records, file), warnings: [] };
    case 'activities':
      // The vendor lists no devices with an activity, only counts: machine references bring them.
      return { kind, ...parseActivities(records, file), activityDevices: [] };
    case 'machineReferences':
      return { kind, devices: parseMachineReferences(records, file), link: opts.link ?? null, warnings: [] };
    case 'machines':
      return { kind, devices: parseMachines(records, file), warnings: [] };
  }
}
