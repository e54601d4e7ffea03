/**
 * One handler per request type. Each receives a request that `parseRequest` already checked, runs
 * core's rules on the stored state and commits what they return.
 */
import {
  activitiesToCsv,
  activityDevicesToCsv,
  activityId,
  applyRetention,
  calendarDate,
  cancelException,
  createException,
  type DeviceGroupName,
  deviceGroupName,
  EXPIRY_DAY_CHOICES,
  email,
  encodeSnapshot,
  exceptionId,
  expireExceptions,
  exposedDevicesOf,
  type FieldError,
  INTUNE_DEVICE_LIMIT,
  type Instant,
  instantFromDate,
  isConfigurationRecommendation,
  itAdminMessage,
  markComplete,
  offeredExceptionGroups,
  PendingElsewhereError,
  randomIds,
  recommendationId,
  requestFormOptions,
  requestRemediation,
  type State,
  setTaskStatus,
  taskId,
  topActivities,
  unzipSnapshot,
  zipSnapshot,
} from '../../core/index.ts';
import { fileNamePart } from '../shared/file-name.ts';
import type { FieldProblem, RequestOf, RequestType, Responses } from '../shared/messages.ts';
import { dropStaged, readStaged, stageFile } from '../shared/staging.ts';
import { commit, currentState, listState } from './data.ts';
import { startImport } from './import-job.ts';
import { loadSettings, saveSettings } from './settings-store.ts';
import { exportChanges, fetchTeamState, loadTeamState, teamStatus } from './team-state.ts';
import { activityViews, byCreatedDesc, counts, exceptionViews } from './views.ts';

/** A refusal the user can act on: shown next to the named fields. */
export class Refused extends Error {
  constructor(
    message: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

const refuse = (errors: readonly FieldError[]): never => {
  throw new Refused(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
};

/** The user's email, or null while none is set. */
async function currentActor() {
  const { email: stored } = await loadSettings();
  return stored === null ? null : email(stored);
}

/** Domain §5: every change records the user's email from the settings. */
async function actor() {
  const { email: stored } = await loadSettings();
  if (stored === null)
    throw new Refused('email: set your email address first', [{ field: 'email', message: 'required' }]);
  return email(stored);
}

const now = (): Instant => instantFromDate(new Date());

/** Ids from the page are checked by core's constructors; a bad one is the user's input error. */
function checked<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    return refuse([{ field, message: (e as Error).message }]);
  }
}

function activityOf(state: State, id: string) {
  const found = state.activities.find((a) => a.id === id);
  if (!found)
    throw new Refused('activityId: no such activity', [{ field: 'activityId', message: 'not found' }]);
  return found;
}

type Handler<K extends RequestType> = (req: RequestOf<K>) => Promise<Responses[K]>;
type Handlers = { [K in RequestType]: Handler<K> };

export const handlers: Handlers = {
  'settings.get': () => loadSettings(),
  'settings.save': ({ patch }) =>
    saveSettings(
      patch.email === undefined || patch.email === null
        ? patch
        : { ...patch, email: checked('email', () => email(patch.email as string)) },
    ),
  'settings.setEmail': (req) => saveSettings({ email: checked('email', () => email(req.email)) }),

  'counts.get': async () => counts(await currentState(), now()),

  'dashboard.get': async () => {
    const state = await listState();
    const t = now();
    const entries = topActivities(state, t, { includeExceptions: true });
    return {
      top: activityViews(
        state,
        entries.flatMap((e) => (e.kind === 'activity' ? [e.activity] : [])),
        t,
      ),
      exceptions: exceptionViews(
        state,
        entries.flatMap((e) => (e.kind === 'exception' ? [e.exception] : [])),
        t,
      ),
    };
  },

  'recommendation.view': async ({ recommendationId: wanted }) => {
    const state = await currentState();
    const t = now();
    const exposedByRec = new Map<string, number>();
    for (const x of state.exposures)
      exposedByRec.set(x.recommendationId, (exposedByRec.get(x.recommendationId) ?? 0) + 1);
    const recommendations = state.recommendations
      .map((r) => ({ id: r.id, name: r.recommendationName, exposedDevices: exposedByRec.get(r.id) ?? 0 }))
      .sort((a, b) => b.exposedDevices - a.exposedDevices || a.name.localeCompare(b.name));
    const rec = wanted === null ? undefined : state.recommendations.find((r) => r.id === wanted);
    const today = t.slice(0, 10);
    if (!rec) return { recommendations, selected: null, today };
    const { intuneEnabled } = await loadSettings();
    const form = requestFormOptions(rec, { intuneEnabled }, state);
    const perGroup = new Map<DeviceGroupName, number>();
    for (const d of exposedDevicesOf(state, rec.id))
      perGroup.set(d.rbacGroupName, (perGroup.get(d.rbacGroupName) ?? 0) + 1);
    const exceptions = state.exceptions.filter((e) => e.recommendationId === rec.id);
    const views = exceptionViews(state, exceptions, t);
    return {
      recommendations,
      today,
      selected: {
        id: rec.id,
        name: rec.recommendationName,
        productName: rec.productName,
        configuration: isConfigurationRecommendation(rec),
        types: form.types,
        defaultType: form.defaultType,
        groups: form.deviceGroups.map((name) => ({ name, devices: perGroup.get(name) ?? 0 })),
        intuneOffered: form.intuneTask !== undefined,
        intuneLimit: INTUNE_DEVICE_LIMIT,
        exceptionGroups: offeredExceptionGroups(state, rec.id, t),
        globalExceptionOffered: !views.some(
          (v) => v.exception.scope.kind === 'global' && v.status === 'InEffect',
        ),
        exceptions: views.sort((a, b) => byCreatedDesc(a.exception, b.exception)),
        activities: activityViews(
          state,
          state.activities.filter((a) => a.recommendationId === rec.id),
          t,
        ).sort((a, b) => byCreatedDesc(a.activity, b.activity)),
      },
    };
  },

  'remediation.request': async (req) => {
    const [state, who, settings] = [await currentState(), await actor(), await loadSettings()];
    const result = requestRemediation(
      {
        recommendationId: checked('recommendationId', () => recommendationId(req.recommendationId)),
        type: req.remediationType,
        groups:
          req.groups.length === 0
            ? 'all'
            : req.groups.map((g) => checked('groups', () => deviceGroupName(g))),
        priority: req.priority,
        dueOn: req.dueOn === null ? null : checked('dueOn', () => calendarDate(req.dueOn as string)),
        notes: req.notes,
        createIntuneTask: req.intuneTask,
      },
      {
        state,
        now: now(),
        actor: who,
        ids: randomIds(),
        settings: { intuneEnabled: settings.intuneEnabled },
      },
    );
    if (!result.ok) return refuse(result.errors);
    const { changes, activity, task, leftOutOfTask } = result.value;
    await commit(changes);
    const rec = state.recommendations.find((r) => r.id === activity.recommendationId) ?? null;
    return {
      activityId: activity.id,
      // Counted from the device rows: attention required has no progress, but it has target devices.
      targetDevices: (changes.put?.activityDevices ?? []).filter((d) => d.activityId === activity.id).length,
      task: task ? { sent: task.sentDevices, leftOut: leftOutOfTask } : null,
      notice: itAdminMessage(activity, rec),
    };
  },

  'exception.create': async (req) => {
    const [state, who] = [await currentState(), await actor()];
    const t = now();
    let expiry: { days: (typeof EXPIRY_DAY_CHOICES)[number] } | { on: ReturnType<typeof calendarDate> };
    if (req.expiry.kind === 'days') {
      const days = EXPIRY_DAY_CHOICES.find((d) => d === (req.expiry as { days: number }).days);
      if (days === undefined)
        return refuse([
          { field: 'expiry', message: `choose ${EXPIRY_DAY_CHOICES.join(', ')} days or a date` },
        ]);
      expiry = { days };
    } else {
      const on = req.expiry.on;
      expiry = { on: checked('expiry', () => calendarDate(on)) };
    }
    const result = createException(
      {
        recommendationId: checked('recommendationId', () => recommendationId(req.recommendationId)),
        justification: req.justification,
        context: req.context,
        expiry,
        scope:
          req.scope.kind === 'global'
            ? { kind: 'global' }
            : {
                kind: 'groups',
                groups: req.scope.groups.map((g) => checked('groups', () => deviceGroupName(g))),
              },
      },
      // PD for a local tool: the person running it administers it, so global exceptions are allowed.
      { state, now: t, actor: who, ids: randomIds(), isAdmin: true },
    );
    if (!result.ok) return refuse(result.errors);
    await commit(result.value.changes);
    return { exceptionId: result.value.exception.id };
  },

  'exception.cancel': async (req) => {
    const [state, who] = [await currentState(), await actor()];
    const id = checked('exceptionId', () => exceptionId(req.exceptionId));
    const exc = state.exceptions.find((e) => e.id === id);
    if (!exc) return refuse([{ field: 'exceptionId', message: 'not found' }]);
    const group = req.group === null ? null : checked('group', () => deviceGroupName(req.group as string));
    const result = cancelException(exc, group, who, now(), randomIds());
    if (!result.ok) return refuse(result.errors);
    await commit(result.value);
    return null;
  },

  'exceptions.list': async () => {
    const state = await listState();
    return exceptionViews(state, [...state.exceptions].sort(byCreatedDesc), now());
  },

  'activities.list': async () => {
    const state = await listState();
    return activityViews(state, [...state.activities].sort(byCreatedDesc), now());
  },

  'activity.markComplete': async (req) => {
    const who = checked('email', () => email(req.email));
    const settings = await saveSettings({ email: who });
    const state = await currentState();
    const result = markComplete(activityOf(state, req.activityId), email(settings.email ?? who), now());
    if (!result.ok) return refuse(result.errors);
    await commit(result.value);
    return null;
  },

  'task.setStatus': async (req) => {
    const [state, who] = [await currentState(), await actor()];
    const id = checked('taskId', () => taskId(req.taskId));
    const task = state.tasks.find((t) => t.id === id);
    if (!task) return refuse([{ field: 'taskId', message: 'not found' }]);
    const result = setTaskStatus(task, req.to, req.notes, who, now());
    if (!result.ok) return refuse(result.errors);
    await commit(result.value);
    return null;
  },

  'csv.activities': async ({ activityIds }) => {
    const state = await currentState();
    const wanted = activityIds === null ? null : new Set(activityIds);
    const list = state.activities.filter((a) => wanted === null || wanted.has(a.id));
    const t = now();
    return {
      fileName: `remediation-activities-${t.slice(0, 10)}.csv`,
      csv: activitiesToCsv(list, {
        now: t,
        recommendations: new Map(state.recommendations.map((r) => [r.id, r])),
        tasks: new Map(state.tasks.map((x) => [x.id, x])),
      }),
    };
  },

  'csv.activityDevices': async (req) => {
    const state = await currentState();
    const activity = activityOf(
      state,
      checked('activityId', () => activityId(req.activityId)),
    );
    const rows = state.activityDevices.filter((d) => d.activityId === activity.id);
    const wanted = new Set(rows.map((d) => d.deviceId));
    return {
      fileName: `remediation-activity-${activity.id}-devices.csv`,
      csv: activityDevicesToCsv(
        activity,
        rows,
        new Map(state.devices.filter((d) => wanted.has(d.id)).map((d) => [d.id, d])),
      ),
    };
  },

  'import.staged': (req) => startImport(req.files, req.partial),

  'snapshot.export': async () => {
    const state = await currentState();
    const t = now();
    const files = await encodeSnapshot(state, { generatedAt: t, source: 'remdesk extension' });
    const zip = zipSnapshot(files);
    const { email: who } = await loadSettings();
    const fileName = `remdesk-snapshot-${fileNamePart(who ?? 'unknown')}-${fileNamePart(t)}.zip`;
    const stagingId = await stageFile(
      fileName,
      new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
    );
    return { stagingId, fileName };
  },

  'retention.run': async () => runRetention(),

  'team.status': () => teamStatus(),

  'team.load': async ({ stagingId, fileName, leaveOutPendingElsewhere }) => {
    const actorOrNull = await currentActor();
    const staged = await readStaged(stagingId);
    if (!staged) throw new Refused('the file is gone (the worker was restarted); choose it again');
    try {
      const files = unzipSnapshot(new Uint8Array(await staged.blob.arrayBuffer()), fileName);
      return await pendingElsewhereRefused(() =>
        loadTeamState(files, fileName, 'file', actorOrNull, leaveOutPendingElsewhere),
      );
    } finally {
      await dropStaged(stagingId);
    }
  },

  'team.fetch': async ({ address, leaveOutPendingElsewhere }) => {
    const url = checked('address', () => reportAddress(address));
    const actorOrNull = await currentActor();
    await saveSettings({ reportAddress: url });
    const files = await fetchTeamState(url);
    return pendingElsewhereRefused(() =>
      loadTeamState(files, url, 'report', actorOrNull, leaveOutPendingElsewhere),
    );
  },

  'changes.export': async () => {
    const out = await exportChanges(await actor());
    const stagingId = await stageFile(out.fileName, new Blob([out.text], { type: 'application/jsonl' }));
    return { stagingId, fileName: out.fileName, changes: out.changes };
  },
};

/** Changes made on another archive: a refusal the popup asks about (`pending`), never a silent loss. */
async function pendingElsewhereRefused<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof PendingElsewhereError)
      throw new Refused(e.message, [{ field: 'pending', message: String(e.pending) }]);
    throw e;
  }
}

/** The report's address: https (or http on this machine, for a local preview), no credentials. */
function reportAddress(raw: string): string {
  const url = new URL(raw.trim());
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    throw new Error('the report is loaded over https (or http from this machine)');
  if (url.username !== '' || url.password !== '')
    throw new Error('an address with a password is not accepted');
  return url.href;
}

/** R-RET-1 (the team's 180 days, no local setting), daily and on demand; expired exceptions are recorded at the same time (R-EXC-4). */
export async function runRetention(): Promise<{ removed: number }> {
  const state = await currentState();
  const t = now();
  const retention = applyRetention(state, t);
  const expiry = expireExceptions(state, t);
  const removed = retention.events.filter((e) => e.type === 'activity.removed').length;
  if (retention.events.length > 0) await commit(retention);
  if (expiry.events.length > 0) await commit(expiry);
  return { removed };
}
