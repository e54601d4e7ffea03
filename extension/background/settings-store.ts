import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings, settingsFrom } from '../shared/settings.ts';

export async function loadSettings(): Promise<Settings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  return settingsFrom(got[SETTINGS_KEY] ?? DEFAULT_SETTINGS);
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = settingsFrom({ ...(await loadSettings()), ...patch });
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}
