/**
 * The content script: runs the features of the portal page it is on (features.ts), each until the
 * portal's single-page app leaves that page. It holds no data: everything comes from the worker by
 * message, and storage changes (data version, settings, import progress) tell the features when to
 * redraw.
 */
import browser from 'webextension-polyfill';
import { send } from '../shared/client.ts';
import { resolveLocale, type Translate, translator } from '../shared/i18n.ts';
import { SETTINGS_KEY, type Settings, settingsFrom } from '../shared/settings.ts';
import { dashboardCard } from './features/dashboard.ts';
import { recommendationOverlay } from './features/recommendation.ts';
import { remediationOverlay } from './features/remediation.ts';
import { runFeatures } from './features.ts';
import { browserRouteSource } from './routes.ts';
import { watchStorage } from './stored-changes.ts';

const FEATURES = [dashboardCard, recommendationOverlay, remediationOverlay];

async function loadSettings(): Promise<Settings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  return settingsFrom(got[SETTINGS_KEY]);
}

async function start(): Promise<void> {
  // The overlay's shell goes up at once in the browser's language; the stored language (one
  // storage read away) redraws it only when it differs.
  let locale = resolveLocale('auto', navigator.language);
  let t: Translate = translator(locale);
  const router = runFeatures(FEATURES, browserRouteSource(window), () => ({
    t,
    send,
    settings: loadSettings,
  }));
  const stored = resolveLocale((await loadSettings()).language, navigator.language);
  if (stored !== locale) {
    locale = stored;
    t = translator(locale);
    router.restart();
  }
  watchStorage((language) => {
    t = translator(resolveLocale(language, navigator.language));
    router.restart();
  });
}

void start();
