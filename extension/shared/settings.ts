/** The user's settings, kept in storage.local under `settings` (the options page edits them). */

export type Language = 'auto' | 'en' | 'zh-CN';

export interface Settings {
  /** Recorded on every change the user makes (domain.md §5); asked for once when missing. */
  readonly email: string | null;
  /** R-INT-1: off by default. */
  readonly intuneEnabled: boolean;
  readonly language: Language;
  /**
   * The address of the team's published report, where the extension loads the team state from
   * (R-MERGE-1). Retention is not a setting: it is the team's (R-RET-1), the same everywhere.
   */
  readonly reportAddress: string | null;
}

export const DEFAULT_SETTINGS: Settings = {
  email: null,
  intuneEnabled: false,
  language: 'auto',
  reportAddress: null,
};

export const SETTINGS_KEY = 'settings';

/** Stored settings may predate a field or be damaged: keep what is valid, default the rest. */
export function settingsFrom(stored: unknown): Settings {
  const s = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return {
    email: typeof s.email === 'string' && s.email !== '' ? s.email : null,
    intuneEnabled: s.intuneEnabled === true,
    language: s.language === 'en' || s.language === 'zh-CN' ? s.language : 'auto',
    reportAddress: typeof s.reportAddress === 'string' && s.reportAddress !== '' ? s.reportAddress : null,
  };
}
