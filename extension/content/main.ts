/**
 * The content script: follows the portal's address, mounts the overlay of the page it is on and
 * removes it when the user leaves. It holds no data: everything comes from the worker by message,
 * and storage changes (data version, settings, import progress) tell it when to redraw.
 */
import browser from 'webextension-polyfill';
import { send } from '../shared/client.ts';
import { resolveLocale, type Translate, translator } from '../shared/i18n.ts';
import { DATA_VERSION_KEY, IMPORT_JOB_KEY, type ImportJob } from '../shared/messages.ts';
import { SETTINGS_KEY, type Settings, settingsFrom } from '../shared/settings.ts';
import { dashboardAdapter } from './adapters/dashboard.ts';
import { recommendationAdapter } from './adapters/recommendation.ts';
import { remediationAdapter } from './adapters/remediation.ts';
import { key, type OverlayContext } from './overlays/common.ts';
import { dashboardPanel } from './overlays/dashboard.ts';
import { recommendationPanel } from './overlays/recommendation.ts';
import { remediationPanel } from './overlays/remediation.ts';
import { browserRouteSource, type Route, watchRoute } from './routes.ts';
import { type Mounted, mountPanel } from './shell.ts';

async function loadSettings(): Promise<Settings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  return settingsFrom(got[SETTINGS_KEY]);
}

let current: Mounted | null = null;
let currentRoute: Route | null = null;
let t: Translate = translator('en');

function mount(route: Route | null): void {
  current?.destroy();
  current = null;
  currentRoute = route;
  if (route === null) return;
  const ctx: OverlayContext = { t, send, settings: loadSettings };
  switch (route.kind) {
    case 'dashboard':
      current = mountPanel(dashboardAdapter, dashboardPanel(ctx), t, route.kind);
      break;
    case 'recommendations':
      current = mountPanel(
        recommendationAdapter,
        recommendationPanel(ctx, route.recommendationId),
        t,
        route.kind,
      );
      break;
    case 'remediation':
      current = mountPanel(remediationAdapter, remediationPanel(ctx, route.activityId), t, route.kind);
      break;
  }
}

function showImport(job: ImportJob | undefined): void {
  if (!current || !job) return;
  if (job.phase === 'done') {
    current.status(null);
    return;
  }
  const phase = t(key('phase', job.phase));
  current.status(
    job.phase === 'failed'
      ? `${t('colon', { label: t('importing', { file: job.fileName, phase }) })}${job.message}`
      : t('importing', { file: job.fileName, phase }),
    job.total > 0 ? job.done / job.total : undefined,
  );
}

async function start(): Promise<void> {
  // The overlay's shell goes up at once in the browser's language; the stored language (one
  // storage read away) redraws it only when it differs.
  let locale = resolveLocale('auto', navigator.language);
  t = translator(locale);
  watchRoute(browserRouteSource(window), mount);
  const stored = resolveLocale((await loadSettings()).language, navigator.language);
  if (stored !== locale) {
    locale = stored;
    t = translator(locale);
    mount(currentRoute);
  }
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    const language = changes[SETTINGS_KEY] ? settingsFrom(changes[SETTINGS_KEY].newValue).language : null;
    if (language !== null && language !== settingsFrom(changes[SETTINGS_KEY]?.oldValue).language) {
      t = translator(resolveLocale(language, navigator.language));
      mount(currentRoute);
    } else if (changes[DATA_VERSION_KEY] || changes[SETTINGS_KEY]) {
      void current?.refresh('data');
    }
    if (changes[IMPORT_JOB_KEY]) showImport(changes[IMPORT_JOB_KEY].newValue as ImportJob | undefined);
  });
}

void start();
