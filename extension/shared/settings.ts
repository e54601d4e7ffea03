/** The user's settings, kept in storage.local under `settings` (the options page edits them). */
import { RETENTION_DAYS } from '../../core/index.ts';

export type Language = 'auto' | 'en' | 'zh-CN';

export interface Settings {
  /** Recorded on every change the user makes (domain.md §5); asked for once when missing. */
  readonly email: string | null;
  /** R-INT-1: off by default. */
  readonly intuneEnabled: boolean;
  readonly language: Language;
  /** R-RET-1: completed activities are kept this many days. */
  readonly retentionDays: number;
}

export const DEFAULT_SETTINGS: Settings = {
  email: null,
  intuneEnabled: false,
  language: 'auto',
  retentionDays: RETENTION_DAYS,
};

export const SETTINGS_KEY = 'settings';

/** Stored settings may predate a field or be damaged: keep what is valid, default the rest. */
export function settingsFrom(stored: unknown): Settings {
  const s = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return {
    email: typeof s.email === 'string' && s.email !== '' ? s.email : null,
    intuneEnabled: s.intuneEnabled === true,
    language: s.language === 'en' || s.language === 'zh-CN' ? s.language : 'auto',
    retentionDays:
      typeof s.retentionDays === 'number' && Number.isInteger(s.retentionDays) && s.retentionDays > 0
        ? s.retentionDays
        : DEFAULT_SETTINGS.retentionDays,
  };
}
