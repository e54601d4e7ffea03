import { counted } from '../../counted.ts';
import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  type Activity,
  type ActivityCategory,
  type Completion,
  PRIORITIES,
  PRODUCTIVITY_IMPACTS,
  type Progress,
} from '../../model/activity.ts';
import {
  activityId,
  deviceGroupName,
  type Email,
  email,
  IdError,
  type RecommendationId,
  recommendationId,
} from '../../model/ids.ts';
import type { Instant } from '../../model/time.ts';
import type { VendorWarning } from './export-rows.ts';
import { type FieldReader, type JsonRecord, readRecords } from './fields.ts';

/** The vendor's completion methods; ours add Unknown for a record without one (R-DONE-3). */
const METHODS = ['Manual', 'Automatic'] as const;

/**
 * The recommendation an activity came from: software ones name `productId` (`microsoft-_-silverlight`
 * → `va-_-microsoft-_-silverlight`), configuration ones `scid` (`scid-91` or `91` → `sca-_-scid-91`).
 */
export function activityRecommendationId(
  category: ActivityCategory,
  productId: string | null,
  scid: string | null,
): RecommendationId | null {
  if (category === 'Software') return productId === null ? null : recommendationId(`va-_-${productId}`);
  return scid === null ? null : recommendationId(`sca-_-scid-${scid.replace(/^scid-/i, '')}`);
}

/**
 * PD: a requester email that is not an address (some exports carry a display name or a service
 * principal) is imported as null rather than refusing the activity: it only feeds "requested by".
 */
function looseEmail(raw: string | null): Email | null {
  if (raw === null) return null;
  try {
    return email(raw);
  } catch (e) {
    if (e instanceof IdError) return null;
    throw e;
  }
}

/**
 * How a Completed activity was completed (R-DONE-1..3). Completed without a method is an older
 * record: Unknown (shown as N/A). Manual needs the completer's email to show who.
 */
function readCompletion(f: FieldReader, completedOn: Instant): Completion {
  const method = f.optOneOf('completionMethod', METHODS);
  if (method === null) return { method: 'Unknown', completedOn };
  if (method === 'Automatic') return { method: 'Automatic', completedOn };
  const who = f.optString('completerEmail');
  if (who === null) throw f.error('completerEmail', 'is missing: a Manual completion names who completed it');
  return {
    method: 'Manual',
    completedOn,
    completerEmail: f.parsed('completerEmail', who, email),
    completerId: f.optString('completerId'),
  };
}

/** R-PROG-1: the vendor's progress counts; fixed devices are some of the target devices. */
function readProgress(f: FieldReader): Extract<Progress, { kind: 'counts' }> {
  const targetDevices = f.count('targetDevices');
  const fixedDevices = f.count('fixedDevices');
  if (fixedDevices > targetDevices) {
    throw f.error(
      'fixedDevices',
      `R-PROG-1: ${fixedDevices} fixed devices is more than the ${targetDevices} target devices`,
    );
  }
  return { kind: 'counts', targetDevices, fixedDevices };
}

/** One remediation activity as the vendor's RemediationTasks API returns it. */
function readActivity(f: FieldReader, dropDueOn: (line: number | null) => void): Activity {
  const category = f.oneOf('category', ACTIVITY_CATEGORIES);
  const productId = f.optString('productId');
  const scid = f.optString('scid');
  const statusLastModifiedOn = f.instant('statusLastModifiedOn');
  const common = {
    id: f.id('id', activityId),
    title: f.text('title'),
    description: f.text('description'),
    recommendationId: f.parsed(category === 'Software' ? 'productId' : 'scid', productId ?? scid ?? '-', () =>
      activityRecommendationId(category, productId, scid),
    ),
    createdOn: f.instant('createdOn'),
    requesterId: f.optString('requesterId'),
    requesterEmail: looseEmail(f.optString('requesterEmail')),
    statusLastModifiedOn,
    relatedComponent: f.text('relatedComponent'),
    rbacGroupNames: f
      .strings('rbacGroupNames')
      .map((g, i) => f.parsed(`rbacGroupNames[${i}]`, g, deviceGroupName)),
    requesterNotes: f.text('requesterNotes'),
    category,
    productivityImpactRemediationType: f.optOneOf('productivityImpactRemediationType', PRODUCTIVITY_IMPACTS),
    priority: f.oneOf('priority', PRIORITIES),
    scid,
    productId,
    vendorId: f.optString('vendorId'),
    nameId: f.optString('nameId'),
    recommendedVersion: f.optString('recommendedVersion'),
    recommendedVendor: f.optString('recommendedVendor'),
    recommendedProgram: f.optString('recommendedProgram'),
  };
  const type = f.oneOf('type', ACTIVITY_TYPES);
  // Completion fields of an Active record are leftovers with no meaning: they are ignored.
  const completed =
    f.oneOf('status', ACTIVITY_STATUSES) === 'Completed' ? readCompletion(f, statusLastModifiedOn) : null;

  if (type === 'AttentionRequired') {
    // R-ATTN-1: the type has no due date. A vendor record that carries one is otherwise sound: it is
    // imported without the date, and the import says so. An automatic completion is refused.
    if (f.optString('dueOn') !== null) dropDueOn(f.currentLine);
    if (completed?.method === 'Automatic') {
      throw f.error('completionMethod', 'attention required activities are only completed by hand');
    }
    return completed === null
      ? { ...common, type, status: 'Active' }
      : { ...common, type, status: 'Completed', completion: completed };
  }
  const tracked = {
    ...common,
    type,
    dueOn: f.optDate('dueOn'),
    progress: readProgress(f),
    taskId: null,
  } as const;
  return completed === null
    ? { ...tracked, status: 'Active' }
    : { ...tracked, status: 'Completed', completion: completed };
}

/** The activities of a vendor file, and a warning for each kind of thing left out of them. */
export function parseActivities(
  records: readonly JsonRecord[],
  file: string,
): { activities: Activity[]; warnings: VendorWarning[] } {
  const lines: (number | null)[] = [];
  const activities = readRecords(records, file, (f) => readActivity(f, (line) => lines.push(line)));
  const warnings: VendorWarning[] =
    lines.length === 0
      ? []
      : [
          {
            file,
            field: 'dueOn',
            count: lines.length,
            message: `${counted(lines.length, 'attention-required activity', 'attention-required activities')} carried a due date (line ${lines.join(', ')}): imported without it, as attention required has none (R-ATTN-1)`,
          },
        ];
  return { activities, warnings };
}
