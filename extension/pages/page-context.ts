/** What both extension pages need first: the settings and a translator in the chosen language. */
import browser from 'webextension-polyfill';
import { resolveLocale, type Translate, translator } from '../shared/i18n.ts';
import { SETTINGS_KEY, type Settings, settingsFrom } from '../shared/settings.ts';

export async function pageContext(): Promise<{ settings: Settings; t: Translate }> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  const settings = settingsFrom(got[SETTINGS_KEY]);
  const locale = resolveLocale(settings.language, navigator.language);
  document.documentElement.lang = locale;
  return { settings, t: translator(locale) };
}
