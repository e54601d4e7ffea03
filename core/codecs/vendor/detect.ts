import { InputError } from '../../errors.ts';
import type { DeviceLink, VendorBatchKind } from '../../model/batch.ts';
import type { Instant } from '../../model/time.ts';
import { parseActivities } from './activities.ts';
import type { ParsedVendorBatch } from './export-rows.ts';
import { isJsonObject, type JsonRecord } from './fields.ts';
import { type JsonDocument, readJsonDocument } from './json-document.ts';
import { parseMachineReferences } from './machine-references.ts';
import { parseMachines } from './machines.ts';
import { parseRecommendations } from './recommendations.ts';
import { parseVulnerabilities } from './vulnerabilities.ts';
import { parseVulnerabilityDelta } from './vulnerabilities-delta.ts';

export interface VendorParseOptions {
  /** What machine references were fetched for (`--for activity:ID`), when the caller knows. */
  readonly link?: DeviceLink;
  /** When an exposure export was taken; defaults to its newest row timestamp. */
  readonly observedAt?: Instant;
}

// Checked in order, the more specific first: `RemediationTasks('…')/machineReferences` is a list of
// machine references, DeltaAssetVulnerability is not the full AssetVulnerability export.
const CONTEXTS: readonly (readonly [RegExp, VendorBatchKind])[] = [
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

function kindFromFields(r: Record<string, unknown>): VendorBatchKind | null {
  const has = (k: string): boolean => k in r;
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
export function detectVendorKind(doc: JsonDocument, file: string): VendorBatchKind {
  if (doc.context !== null) {
    for (const [pattern, kind] of CONTEXTS) if (pattern.test(doc.context)) return kind;
  }
  const first = doc.records[0];
  const kind = first !== undefined && isJsonObject(first.value) ? kindFromFields(first.value) : null;
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

/** Parse records already split from a vendor file of a known kind. */
export function parseVendorRecords(
  records: readonly JsonRecord[],
  file: string,
  kind: VendorBatchKind,
  opts: VendorParseOptions = {},
): ParsedVendorBatch {
  switch (kind) {
    case 'recommendations':
      return { kind, recommendations: parseRecommendations(records, file), warnings: [] };
    case 'activities':
      // The vendor lists no devices with an activity, only counts: machine references bring them.
      return { kind, activities: parseActivities(records, file), activityDevices: [], warnings: [] };
    case 'machineReferences':
      return { kind, devices: parseMachineReferences(records, file), link: opts.link ?? null, warnings: [] };
    case 'machines':
      return { kind, devices: parseMachines(records, file), warnings: [] };
    case 'exposures':
      return parseVulnerabilities(records, file, opts.observedAt);
    case 'exposureDelta':
      return parseVulnerabilityDelta(records, file, opts.observedAt);
  }
}

/** The entry point for one vendor JSON file: parse, detect its kind, read every record. */
export function parseVendorJson(
  text: string,
  file: string,
  opts: VendorParseOptions = {},
): ParsedVendorBatch {
  const doc = readJsonDocument(text, file);
  return parseVendorRecords(doc.records, file, detectVendorKind(doc, file), opts);
}
