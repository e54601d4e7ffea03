import { PRIORITIES, type Priority } from '../model/activity.ts';
import { SEVERITY_LEVELS, type SeverityLevel } from '../model/exposure.ts';

/**
 * How long a team gives itself to fix something (R-SLA-1). "No SLA" is its own case, never 0 days:
 * 0 would make everything overdue the day it appears.
 */
export type SlaTerm = { readonly kind: 'days'; readonly days: number } | { readonly kind: 'none' };

/** R-SLA-1: days per activity priority and per vulnerability severity of an exposure. */
export interface SlaPolicy {
  readonly activity: Readonly<Record<Priority, SlaTerm>>;
  readonly exposure: Readonly<Record<SeverityLevel, SlaTerm>>;
}

/** The presets a team starts from; `none` is also what an archive without settings has. */
export const SLA_PRESETS = ['defectdojo', 'cisa-bod-19-02', 'none'] as const;
export type SlaPreset = (typeof SLA_PRESETS)[number];

/** At most ten years: a longer term is a typo, not a policy. */
export const SLA_MAX_DAYS = 3650;

const days = (n: number): SlaTerm => ({ kind: 'days', days: n });
const NONE: SlaTerm = { kind: 'none' };

/**
 * Days by severity: DefectDojo's defaults (critical 7, high 30, medium 90, low 120) and CISA's
 * Binding Operational Directive 19-02 (critical 15, high 30; it sets none for medium and low).
 */
const BY_SEVERITY: Readonly<Record<SlaPreset, Readonly<Record<SeverityLevel, SlaTerm>>>> = {
  defectdojo: { Critical: days(7), High: days(30), Medium: days(90), Low: days(120) },
  'cisa-bod-19-02': { Critical: days(15), High: days(30), Medium: NONE, Low: NONE },
  none: { Critical: NONE, High: NONE, Medium: NONE, Low: NONE },
};

/**
 * R-SLA-1 (PD): a preset gives an activity of priority P the days of severity P (High the days of
 * High, and so on); neither source sets days for priorities, and an activity's priority is the
 * team's own reading of severity.
 */
export function presetPolicy(preset: SlaPreset): SlaPolicy {
  const exposure = BY_SEVERITY[preset];
  const activity = Object.fromEntries(PRIORITIES.map((p) => [p, exposure[p]])) as Record<Priority, SlaTerm>;
  return { activity, exposure };
}

/** Whether two policies give the same days everywhere. */
export const samePolicy = (a: SlaPolicy, b: SlaPolicy): boolean =>
  PRIORITIES.every((p) => sameTerm(a.activity[p], b.activity[p])) &&
  SEVERITY_LEVELS.every((s) => sameTerm(a.exposure[s], b.exposure[s]));

const sameTerm = (a: SlaTerm, b: SlaTerm): boolean =>
  a.kind === 'none' ? b.kind === 'none' : b.kind === 'days' && a.days === b.days;

/** Whether a policy sets no days for anything: "no SLA", whatever preset it was written from. */
export const setsNoSla = (policy: SlaPolicy): boolean => samePolicy(policy, presetPolicy('none'));
