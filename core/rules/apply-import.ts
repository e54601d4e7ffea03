import { counted } from '../counted.ts';
import type { Activity, ActivityDevice, Progress } from '../model/activity.ts';
import { exposureKey } from '../model/apply-changes.ts';
import type { AuditEvent } from '../model/audit-event.ts';
import type { DeviceLink, VendorBatch } from '../model/batch.ts';
import type { Device } from '../model/device.ts';
import { type Exposure, type ExposureChange, SEVERITY_LEVELS } from '../model/exposure.ts';
import type { IdSource } from '../model/id-source.ts';
import type { DeviceId, RecommendationId } from '../model/ids.ts';
import type { ChangeSet, State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { auditEvent } from './activity-event.ts';
import { reconcileActivities, rowsByActivity } from './reconcile.ts';
import { pastRetention, RETENTION_DAYS } from './retention.ts';

type Puts = NonNullable<ChangeSet['put']>;

/** Newer values win, but an empty or null field never erases what a richer record told us. */
function mergeDevice(old: Device | undefined, incoming: Device): Device {
  if (!old) return incoming;
  return {
    id: incoming.id,
    computerDnsName: incoming.computerDnsName || old.computerDnsName,
    osPlatform: incoming.osPlatform || old.osPlatform,
    rbacGroupName: incoming.rbacGroupName,
    machineTags: incoming.machineTags.length > 0 ? incoming.machineTags : old.machineTags,
    exposureLevel: incoming.exposureLevel ?? old.exposureLevel,
    riskScore: incoming.riskScore ?? old.riskScore,
    lastSeen: incoming.lastSeen ?? old.lastSeen,
  };
}

/** The device rows put, and the newest full device list (for reconciliation). */
function mergeDevices(state: State, incoming: readonly Device[]): { put: Device[]; all: readonly Device[] } {
  const byId = new Map(state.devices.map((d) => [d.id, d]));
  const put: Device[] = [];
  for (const d of incoming) {
    const merged = mergeDevice(byId.get(d.id), d);
    byId.set(d.id, merged);
    put.push(merged);
  }
  return { put, all: put.length === 0 ? state.devices : [...byId.values()] };
}

/** Progress as the activity's device rows say (R-PROG-1): the rows are its target devices. */
function progressOfRows(rows: readonly ActivityDevice[]): Progress {
  const count = (s: ActivityDevice['state']) => rows.filter((r) => r.state === s).length;
  return {
    kind: 'devices',
    targetDevices: rows.length,
    fixedDevices: count('fixed'),
    leftScopeDevices: count('leftScope'),
    vanishedDevices: count('vanished'),
  };
}

/** Vendor activities: a known activity keeps our device rows and the progress they give. */
function importActivities(
  state: State,
  batch: Extract<VendorBatch, { kind: 'activities' }>,
  now: Instant,
  ids: IdSource,
): ChangeSet {
  const known = new Map(state.activities.map((a) => [a.id, a]));
  const ourRows = rowsByActivity(state.activityDevices);
  const vendorRows = rowsByActivity(batch.activityDevices);
  const activities: Activity[] = [];
  const newRows: ActivityDevice[] = [];
  const events: AuditEvent[] = [];
  const past = pastRetention(now);
  let expired = 0;
  for (const vendor of batch.activities) {
    const old = known.get(vendor.id);
    // R-RET-1: one completed before the live store's 180 days is not taken in, to be removed at
    // once (and again on every import of the same file: the import would never be a no-op).
    if (!old && past(vendor)) {
      expired++;
      continue;
    }
    if (!old)
      events.push(auditEvent({ type: 'activity.imported', activityId: vendor.id }, now, 'system', ids));
    const keepTask = old && old.type !== 'AttentionRequired' ? old.taskId : null;
    // Device rows are the activity's targets only when we track it by devices (our own request, or
    // a vendor record that listed its devices); rows of a vendor activity tracked by the vendor's
    // counts are its exposed devices (machine references), and its counts stay the vendor's.
    let rows =
      old && old.type !== 'AttentionRequired' && old.progress.kind === 'devices'
        ? ourRows.get(vendor.id)
        : undefined;
    if (!old) {
      rows = vendorRows.get(vendor.id);
      if (rows) newRows.push(...rows);
    }
    if (vendor.type === 'AttentionRequired') {
      activities.push(vendor);
      continue;
    }
    const taskId = vendor.taskId ?? keepTask;
    activities.push(
      !rows || rows.length === 0
        ? { ...vendor, taskId }
        : { ...vendor, progress: progressOfRows(rows), taskId },
    );
  }
  return {
    put: { activities, activityDevices: newRows },
    events,
    ...(expired > 0
      ? {
          notes: [
            `${counted(expired, 'activity', 'activities')} completed more than ${RETENTION_DAYS} days ago not imported (R-RET-1)`,
          ],
        }
      : {}),
  };
}

/**
 * Machine references fetched for an activity become its target devices; fetched for a
 * recommendation, its exposed devices. Rows for an activity not imported yet are kept: it picks
 * them up when it arrives (files come in any order).
 */
function linkDevices(
  state: State,
  devices: readonly Device[],
  link: DeviceLink,
  now: Instant,
  ids: IdSource,
): ChangeSet {
  if (link.kind === 'recommendation') {
    const have = new Set(
      state.exposures.filter((e) => e.recommendationId === link.id).map((e) => e.deviceId),
    );
    const exposures: Exposure[] = devices
      .filter((d) => !have.has(d.id))
      .map((d) => ({
        deviceId: d.id,
        recommendationId: link.id,
        vulnerabilities: 0,
        highestSeverity: null,
        firstSeen: null,
        lastSeen: null,
      }));
    return { put: { exposures }, events: [] };
  }
  // Device rows must belong to a known activity (a snapshot refuses dangling rows), so references
  // fetched for an activity we do not have yet only add devices; callers say so to the user.
  const activity = state.activities.find((a) => a.id === link.id);
  if (!activity) return { put: {}, events: [] };
  // A device outside the activity's groups has left them: it is not exposed for this activity.
  const scope = activity.rbacGroupNames.length === 0 ? null : new Set(activity.rbacGroupNames);
  const stateOf = (d: Device): ActivityDevice['state'] =>
    scope && !scope.has(d.rbacGroupName) ? 'leftScope' : 'exposed';
  const existing = state.activityDevices.filter((r) => r.activityId === link.id);
  const rowOf = (d: Device): ActivityDevice => ({
    activityId: link.id,
    deviceId: d.id,
    rbacGroupName: d.rbacGroupName,
    state: stateOf(d),
    changedOn: now,
    sentToTask: false,
  });
  if (activity.type === 'AttentionRequired' || activity.progress.kind === 'counts') {
    // The vendor's list of the activity's exposed devices as it is now replaces the one before;
    // its counts (targeted, fixed) are the vendor's and stay.
    const listed = new Set<DeviceId>(devices.map((d) => d.id));
    const before = new Map(existing.map((r) => [r.deviceId, r]));
    const put = devices.map(rowOf).filter((r) => {
      const was = before.get(r.deviceId);
      return !was || was.state !== r.state || was.rbacGroupName !== r.rbacGroupName;
    });
    const gone = existing
      .filter((r) => !listed.has(r.deviceId))
      .map((r) => ({ activityId: r.activityId, deviceId: r.deviceId }));
    return { put: { activityDevices: put }, delete: { activityDevices: gone }, events: [] };
  }
  const have = new Set<DeviceId>(existing.map((r) => r.deviceId));
  const added = devices.filter((d) => !have.has(d.id)).map(rowOf);
  if (added.length === 0) return { put: {}, events: [] };
  const progress = progressOfRows([...existing, ...added]);
  const event = auditEvent(
    {
      type: 'activity.progress',
      activityId: activity.id,
      fixedDevices: progress.fixedDevices,
      targetDevices: progress.targetDevices,
      changed: added.map((r) => ({ deviceId: r.deviceId, state: r.state })),
    },
    now,
    'system',
    ids,
  );
  return { put: { activityDevices: added, activities: [{ ...activity, progress }] }, events: [event] };
}

/** What a delta does to the exposures it changes, and what it could not judge. */
interface DeltaOutcome {
  readonly changes: ChangeSet;
  readonly exposed: ReadonlySet<string>;
  readonly fixed: ReadonlySet<string>;
  /** Fixed changes for an exposure the archive does not have: nothing to fix. */
  readonly unknownFixed: number;
  /** All-Fixed changes for an exposure whose CVEs the archive does not count: kept exposed. */
  readonly unjudged: number;
}

/**
 * A delta against the exposures it changes (R-PROG-1), counted as the archive counts an exposure,
 * by distinct CVE. An exposure stays while any of its vulnerabilities does: its CVEs, less those
 * Fixed, plus those New. It is fixed only when the delta shows it wholly fixed: nothing it names is
 * still exposed, and the CVEs it fixes are at least as many as the archive counted there. An
 * exposure the archive counts no CVE for (only versions without one) cannot be judged from a delta
 * and stays exposed until a whole export shows it gone (PD). A Fixed for an exposure the archive
 * does not have changes nothing.
 */
function applyDelta(state: State, changes: readonly ExposureChange[]): DeltaOutcome {
  const current = new Map(state.exposures.map((e) => [exposureKey(e), e]));
  const puts: Exposure[] = [];
  const deletes: { deviceId: DeviceId; recommendationId: RecommendationId }[] = [];
  const exposed = new Set<string>();
  const fixed = new Set<string>();
  let unknownFixed = 0;
  let unjudged = 0;
  for (const c of changes) {
    const key = exposureKey(c);
    const base = current.get(key);
    const stillExposed = c.added + c.kept + c.exposedWithoutCve > 0;
    // Only vulnerabilities that came and went: nothing to do.
    if (!stillExposed && c.fixed + c.fixedWithoutCve === 0) continue;
    if (!stillExposed && !base) {
      unknownFixed++;
      continue;
    }
    const counted = base?.vulnerabilities ?? 0;
    if (!stillExposed && counted > 0 && c.fixed >= counted) {
      fixed.add(key);
      deletes.push({ deviceId: c.deviceId, recommendationId: c.recommendationId });
      continue;
    }
    if (!stillExposed && counted === 0) unjudged++;
    exposed.add(key);
    puts.push({
      deviceId: c.deviceId,
      recommendationId: c.recommendationId,
      vulnerabilities: Math.max(0, counted - c.fixed) + c.added,
      highestSeverity: stillExposed
        ? (c.highestSeverity ?? base?.highestSeverity ?? null)
        : (base?.highestSeverity ?? null),
      firstSeen: base?.firstSeen ?? c.firstSeen ?? c.eventTimestamp,
      lastSeen: c.eventTimestamp,
    });
  }
  return {
    changes: { put: { exposures: puts }, delete: { exposures: deletes }, events: [] },
    exposed,
    fixed,
    unknownFixed,
    unjudged,
  };
}

function deltaNotes(delta: DeltaOutcome): string[] {
  const notes: string[] = [];
  if (delta.unknownFixed > 0)
    notes.push(
      `${counted(delta.unknownFixed, 'Fixed change')} of the delta ${delta.unknownFixed === 1 ? 'names' : 'name'} an exposure the archive does not have: nothing to fix`,
    );
  if (delta.unjudged > 0)
    notes.push(
      `${counted(delta.unjudged, 'exposure')} the delta calls fixed ${delta.unjudged === 1 ? 'has' : 'have'} no CVE counted in the archive: kept exposed until a whole export shows ${delta.unjudged === 1 ? 'it' : 'them'} gone`,
    );
  return notes;
}

/**
 * Part of a picture merged as seen exposed: what it shows adds to what the archive has — a page
 * may show one of an exposure's CVEs, which says nothing of the others — so counts and severities
 * only grow, first-seen only moves back and last-seen on.
 */
function mergeSeen(state: State, seen: readonly Exposure[]): Exposure[] {
  const current = new Map(state.exposures.map((e) => [exposureKey(e), e]));
  const rank = (s: Exposure['highestSeverity']) => (s === null ? -1 : SEVERITY_LEVELS.indexOf(s));
  const earlier = (a: Instant | null, b: Instant | null) => (a === null ? b : b === null ? a : a < b ? a : b);
  const later = (a: Instant | null, b: Instant | null) => (a === null ? b : b === null ? a : a > b ? a : b);
  return seen.map((e) => {
    const base = current.get(exposureKey(e));
    if (!base) return e;
    return {
      ...e,
      vulnerabilities: Math.max(base.vulnerabilities, e.vulnerabilities),
      highestSeverity:
        rank(base.highestSeverity) >= rank(e.highestSeverity) ? base.highestSeverity : e.highestSeverity,
      firstSeen: earlier(base.firstSeen, e.firstSeen),
      lastSeen: later(base.lastSeen, e.lastSeen),
    };
  });
}

/** Combine ChangeSets whose rows do not overlap (each part touches other rows or tables). */
function combine(...sets: ChangeSet[]): ChangeSet {
  const put: Record<string, unknown[]> = {};
  const del: Record<string, unknown[]> = {};
  for (const cs of sets) {
    for (const [k, v] of Object.entries(cs.put ?? {})) if (v.length > 0) put[k] = [...(put[k] ?? []), ...v];
    for (const [k, v] of Object.entries(cs.delete ?? {}))
      if (v.length > 0) del[k] = [...(del[k] ?? []), ...v];
  }
  const replaceAll = sets.some((cs) => cs.replaceAllExposures);
  const notes = sets.flatMap((cs) => cs.notes ?? []);
  return {
    ...(notes.length > 0 ? { notes } : {}),
    ...(Object.keys(put).length > 0 ? { put: put as Puts } : {}),
    ...(Object.keys(del).length > 0 ? { delete: del as NonNullable<ChangeSet['delete']> } : {}),
    ...(replaceAll ? { replaceAllExposures: true } : {}),
    events: sets.flatMap((cs) => cs.events),
  };
}

/**
 * Merge one parsed vendor file into the state (files arrive in any order; nothing is rejected for
 * pointing at what is not known yet). Exposure imports then reconcile activities (R-PROG-1, R-DONE-1).
 */
export function applyImport(state: State, batch: VendorBatch, now: Instant, ids: IdSource): ChangeSet {
  switch (batch.kind) {
    case 'recommendations':
      return { put: { recommendations: batch.recommendations }, events: [] };
    case 'activities':
      return combine(importActivities(state, batch, now, ids));
    case 'machines':
      return combine({ put: { devices: mergeDevices(state, batch.devices).put }, events: [] });
    case 'machineReferences': {
      const devices = mergeDevices(state, batch.devices);
      const linked = batch.link
        ? linkDevices(state, batch.devices, batch.link, now, ids)
        : { put: {}, events: [] };
      return combine({ put: { devices: devices.put }, events: [] }, linked);
    }
    case 'exposures': {
      const devices = mergeDevices(state, batch.devices);
      return combine(
        { put: { devices: devices.put, exposures: batch.exposures }, replaceAllExposures: true, events: [] },
        reconcileActivities(state, { kind: 'full', exposures: batch.exposures }, devices.all, now, ids),
      );
    }
    case 'exposuresSeen': {
      const devices = mergeDevices(state, batch.devices);
      const exposed = new Set(batch.exposures.map((e) => exposureKey(e)));
      return combine(
        { put: { devices: devices.put, exposures: mergeSeen(state, batch.exposures) }, events: [] },
        reconcileActivities(state, { kind: 'cells', exposed, fixed: new Set() }, devices.all, now, ids),
      );
    }
    case 'exposureDelta': {
      const devices = mergeDevices(state, batch.devices);
      const delta = applyDelta(state, batch.changes);
      const update = { kind: 'cells', exposed: delta.exposed, fixed: delta.fixed } as const;
      return combine(
        { put: { devices: devices.put }, events: [] },
        delta.changes,
        reconcileActivities(state, update, devices.all, now, ids),
        { events: [], notes: deltaNotes(delta) },
      );
    }
  }
}
