import { describe, expect, it } from 'vitest';
import {
  type Activity,
  dayOf,
  daysBetween,
  dueDateShown,
  type Exposure,
  encodeSnapshot,
  exceptionStatuses,
  exposureDueBySla,
  exposureFixes,
  INTUNE_DEVICE_LIMIT,
  isOverdue,
  JUSTIFICATIONS,
  PRIORITIES,
  parseArchiveSettings,
  type State,
  TASK_STATUSES,
} from '../../core/index.ts';
import { HOSTILE } from './catalogue.ts';
import { generateSample, SAMPLE_END, type SampleWeek } from './generate.ts';
import { SAMPLE_SETTINGS } from './settings.ts';
import { WORLD_CHANGES } from './world-changes.ts';

const weeksOf = (devices: number, weeks: number, seed = 7): SampleWeek[] => [
  ...generateSample({ devices, weeks, seed }),
];

describe('generateSample', () => {
  const weeks = weeksOf(400, 12);
  const last = weeks[weeks.length - 1] as SampleWeek;
  const all = (f: (s: State) => readonly Activity[]) => weeks.flatMap((w) => f(w.state));

  it('is deterministic: same arguments, byte-identical snapshots; another seed differs', async () => {
    const again = weeksOf(400, 12);
    for (const [i, w] of weeks.entries()) {
      const a = await encodeSnapshot(w.state, { generatedAt: w.at, source: 't' });
      const b = await encodeSnapshot((again[i] as SampleWeek).state, { generatedAt: w.at, source: 't' });
      // The manifest holds every CSV file's SHA-256: equal manifests mean byte-identical files.
      expect(new TextDecoder().decode(b.get('manifest.json'))).toBe(
        new TextDecoder().decode(a.get('manifest.json')),
      );
    }
    const other = weeksOf(400, 12, 8);
    expect(JSON.stringify(other[11]?.state.devices)).not.toBe(JSON.stringify(last.state.devices));
  });

  it('takes one snapshot a week, the last at the fixed end', () => {
    expect(last.at).toBe(SAMPLE_END);
    expect(weeks.map((w) => w.at)).toEqual([...weeks.map((w) => w.at)].sort());
    expect(daysBetween(dayOf(weeks[0]?.at ?? SAMPLE_END), dayOf(SAMPLE_END))).toBe(77);
  });

  it('has activities of every type and priority, overdue ones, and every way of completion', () => {
    const activities = all((s) => s.activities);
    expect(new Set(activities.map((a) => a.type))).toEqual(
      new Set(['Update', 'Uninstall', 'ConfigurationChange', 'AttentionRequired']),
    );
    expect(new Set(activities.map((a) => a.priority))).toEqual(new Set(PRIORITIES));
    expect(last.state.activities.some((a) => isOverdue(a, last.at))).toBe(true);
    const methods = new Set(
      activities.flatMap((a) => (a.status === 'Completed' ? [a.completion.method] : [])),
    );
    expect(methods).toEqual(new Set(['Automatic', 'Manual', 'Unknown']));
  });

  it('R-ATTN-1: attention-required activities carry no due date, progress or task', () => {
    const attention = all((s) => s.activities).filter((a) => a.type === 'AttentionRequired');
    expect(attention.length).toBeGreaterThan(0);
    for (const a of attention) expect(a).not.toHaveProperty('dueOn');
    for (const a of attention) expect(a).not.toHaveProperty('taskId');
  });

  it('R-RET-1: activities completed more than 180 days before the last snapshot are only in early snapshots', () => {
    const old = (a: Activity) =>
      a.status === 'Completed' && daysBetween(dayOf(a.completion.completedOn), dayOf(last.at)) > 180;
    expect(weeks[0]?.state.activities.some(old)).toBe(true);
    expect(last.state.activities.some(old)).toBe(false);
    expect(last.state.events.some((e) => e.type === 'activity.removed')).toBe(true);
  });

  it('has exceptions of every justification and scope, one suspending group ones, expired and canceled ones', () => {
    const excs = last.state.exceptions;
    expect(new Set(excs.map((e) => e.justification))).toEqual(new Set(JUSTIFICATIONS));
    expect(new Set(excs.map((e) => e.scope.kind))).toEqual(new Set(['global', 'groups']));
    const statusesAt = (w: SampleWeek) => [...exceptionStatuses(w.state.exceptions, w.at).values()];
    expect(weeks.some((w) => statusesAt(w).includes('Suspended'))).toBe(true);
    expect(statusesAt(last)).toEqual(expect.arrayContaining(['Expired', 'Canceled', 'InEffect']));
    expect(excs.some((e) => e.canceledGroups.length > 0)).toBe(true);
  });

  it('puts hostile strings in device names, notes and exception contexts', () => {
    const text = JSON.stringify([
      last.state.devices,
      all((s) => s.activities),
      last.state.exceptions,
      last.state.tasks,
    ]);
    for (const h of HOSTILE) expect(text).toContain(JSON.stringify(h).slice(1, -1));
  });

  it('has Intune tasks in every status', () => {
    const statuses = new Set(weeks.flatMap((w) => w.state.tasks.map((t) => t.status)));
    expect(statuses).toEqual(new Set(TASK_STATUSES));
  });
});

describe("the sample's story exercises the metrics (docs/metrics.md)", () => {
  const weeks = weeksOf(400, 12);
  const last = weeks[weeks.length - 1] as SampleWeek;
  const { sla } = parseArchiveSettings(SAMPLE_SETTINGS, 'remdesk.json');
  const at = (i: number) => weeks[i] as SampleWeek;
  const key = (e: Pick<Exposure, 'deviceId' | 'recommendationId'>) => `${e.deviceId}|${e.recommendationId}`;
  const fixesOf = (i: number) => exposureFixes(at(i - 1).state, at(i).state, at(i).at);
  const scripted = <K extends 'groupMove' | 'stillExposedUpgrade'>(kind: K) =>
    WORLD_CHANGES.find((c) => c.kind === kind) as Extract<(typeof WORLD_CHANGES)[number], { kind: K }>;

  it("writes DefectDojo's SLA", () => {
    expect(parseArchiveSettings(SAMPLE_SETTINGS, 'remdesk.json').slaPreset).toBe('defectdojo');
  });

  it('M-SLA-1: exposures are fixed both inside and outside their SLA, and open ones are past it', () => {
    const fixes = weeks.slice(1).flatMap((_, i) => fixesOf(i + 1));
    const due = (f: (typeof fixes)[number]) => f.firstSeen && exposureDueBySla(sla, f.severity, f.firstSeen);
    expect(fixes.some((f) => due(f) !== null && dayOf(f.fixedAt) <= (due(f) as string))).toBe(true);
    expect(fixes.some((f) => due(f) !== null && dayOf(f.fixedAt) > (due(f) as string))).toBe(true);
    const breached = last.state.exposures.filter((e) => {
      const d = e.firstSeen && exposureDueBySla(sla, e.highestSeverity, e.firstSeen);
      return d !== null && d < dayOf(last.at);
    });
    expect(breached.length).toBeGreaterThan(0);
  });

  it('M-SLA-1, R-SLA-2: activities are completed on time and late, and open ones are past their own or their SLA date', () => {
    const completed = new Map(
      weeks.flatMap((w) => w.state.activities).flatMap((a) => (a.status === 'Completed' ? [[a.id, a]] : [])),
    );
    const late = [...completed.values()].filter((a) => {
      const { date } = dueDateShown(a, sla);
      return a.status === 'Completed' && date !== null && dayOf(a.completion.completedOn) > date;
    });
    expect(late.length).toBeGreaterThan(0);
    expect(late.some((a) => dueDateShown(a, sla).source === 'sla')).toBe(true);
    expect(
      [...completed.values()].some((a) => {
        const { date } = dueDateShown(a, sla);
        return a.status === 'Completed' && date !== null && dayOf(a.completion.completedOn) <= date;
      }),
    ).toBe(true);
    const pastDue = last.state.activities.filter((a) => {
      const { date } = dueDateShown(a, sla);
      return a.status === 'Active' && date !== null && date < dayOf(last.at);
    });
    expect(new Set(pastDue.map((a) => dueDateShown(a, sla).source))).toEqual(new Set(['own', 'sla']));
  });

  it('a device moves group while exposed: the same exposure, no fix', () => {
    const { week, recommendation, toGroup } = scripted('groupMove');
    const [before, after] = [at(week - 1).state, at(week).state];
    const groupIn = (s: State) => new Map(s.devices.map((d) => [d.id, d.rbacGroupName]));
    const [was, is] = [groupIn(before), groupIn(after)];
    const exposedBefore = new Map(before.exposures.map((e) => [key(e), e]));
    const moved = after.exposures.filter(
      (e) =>
        e.recommendationId === recommendation &&
        is.get(e.deviceId) === toGroup &&
        was.get(e.deviceId) !== toGroup &&
        exposedBefore.get(key(e))?.firstSeen === e.firstSeen,
    );
    expect(moved.length).toBeGreaterThan(0);
    const fixed = new Set(fixesOf(week).map(key));
    for (const e of moved) expect(fixed.has(key(e))).toBe(false);
  });

  it('a software upgrade still exposed to the same recommendation: fewer vulnerabilities, the same exposure, no fix', () => {
    const { week, recommendation } = scripted('stillExposedUpgrade');
    const exposedBefore = new Map(at(week - 1).state.exposures.map((e) => [key(e), e]));
    const upgraded = at(week).state.exposures.filter((e) => {
      const b = exposedBefore.get(key(e));
      return (
        e.recommendationId === recommendation &&
        b &&
        b.firstSeen === e.firstSeen &&
        b.vulnerabilities > e.vulnerabilities
      );
    });
    expect(upgraded.length).toBeGreaterThan(0);
    const fixed = new Set(fixesOf(week).map(key));
    for (const e of upgraded) expect(fixed.has(key(e))).toBe(false);
  });
});

describe('generateSample on a large tenant', () => {
  it('R-INT-2: a request over more than 10,000 devices sends exactly 10,000 and counts the rest', () => {
    const [first] = weeksOf(24_000, 1);
    const big = first?.state.tasks.find((t) => t.leftOutDevices > 0);
    expect(big?.sentDevices).toBe(INTUNE_DEVICE_LIMIT);
    const rows = first?.state.activityDevices.filter((r) => r.activityId === big?.activityId) ?? [];
    expect(rows.filter((r) => r.sentToTask).length).toBe(INTUNE_DEVICE_LIMIT);
    expect(rows.length - INTUNE_DEVICE_LIMIT).toBe(big?.leftOutDevices);
  }, 60_000);
});
