import { InputError } from '../errors.ts';
import { PRIORITIES } from '../model/activity.ts';
import { SEVERITY_LEVELS } from '../model/exposure.ts';
import {
  presetPolicy,
  SLA_MAX_DAYS,
  SLA_PRESETS,
  type SlaPolicy,
  type SlaPreset,
  type SlaTerm,
} from '../sla/policy.ts';
import { keyLines } from './json-key-lines.ts';
import { isJsonObject, type JsonObject } from './vendor/fields.ts';
import { parseJsonText } from './vendor/json-document.ts';

/** The archive's settings file, beside `snapshots/`; an archive without one has no SLA. */
export const SETTINGS_FILE = 'remdesk.json';

/** What a team sets for its archive (R-SLA-1). */
export interface ArchiveSettings {
  /** The preset the policy starts from; the policy may change some of its days. */
  readonly slaPreset: SlaPreset;
  readonly sla: SlaPolicy;
}

export const DEFAULT_SETTINGS: ArchiveSettings = { slaPreset: 'none', sla: presetPolicy('none') };

/**
 * Parse `remdesk.json`: `{"sla": {"preset": "defectdojo", "activity": {"High": 14}, "exposure":
 * {"Low": "none"}}}`. `activity` and `exposure` change a preset's days (each a whole number of days
 * from 1, or "none"); what they leave out keeps the preset's. Unknown keys are refused, so a typo
 * does not silently leave the preset's days in force. Errors name the file, line and field.
 */
export function parseArchiveSettings(text: string, file: string): ArchiveSettings {
  const doc = parseJsonText(text, file);
  const lines = keyLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const fail = (path: string, message: string): never => {
    const field = path === '' ? null : (path.split('.').at(-1) ?? null);
    throw new InputError([
      { file, line: lines.get(path) ?? null, path: path ? `$.${path}` : '$', field, message },
    ]);
  };
  const object = (value: unknown, path: string, keys: readonly string[]): JsonObject => {
    if (!isJsonObject(value)) return fail(path, 'expected an object');
    for (const k of Object.keys(value))
      if (!keys.includes(k)) fail(`${path}.${k}`, `unknown setting; expected one of ${keys.join(', ')}`);
    return value;
  };
  const term = (value: unknown, path: string): SlaTerm => {
    if (value === 'none') return { kind: 'none' };
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= SLA_MAX_DAYS)
      return { kind: 'days', days: value };
    return fail(
      path,
      `expected a whole number of days from 1 to ${SLA_MAX_DAYS}, or "none" (0 days is not "no SLA")`,
    );
  };
  const overrides = <K extends string>(
    value: unknown,
    path: string,
    keys: readonly K[],
    base: Readonly<Record<K, SlaTerm>>,
  ) => {
    if (value === undefined) return base;
    const o = object(value, path, keys);
    return Object.fromEntries(keys.map((k) => [k, k in o ? term(o[k], `${path}.${k}`) : base[k]])) as Record<
      K,
      SlaTerm
    >;
  };

  const root = isJsonObject(doc) ? object(doc, '', ['sla']) : fail('', 'expected an object');
  if (root.sla === undefined) return DEFAULT_SETTINGS;
  const sla = object(root.sla, 'sla', ['preset', 'activity', 'exposure']);
  const preset = sla.preset ?? 'none';
  if (typeof preset !== 'string' || !(SLA_PRESETS as readonly string[]).includes(preset))
    fail('sla.preset', `expected one of ${SLA_PRESETS.join(', ')}`);
  const slaPreset = preset as SlaPreset;
  const base = presetPolicy(slaPreset);
  return {
    slaPreset,
    sla: {
      activity: overrides(sla.activity, 'sla.activity', PRIORITIES, base.activity),
      exposure: overrides(sla.exposure, 'sla.exposure', SEVERITY_LEVELS, base.exposure),
    },
  };
}
