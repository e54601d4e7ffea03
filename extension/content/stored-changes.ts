/**
 * The extension's storage, watched once for the page. A new language restarts every feature
 * (main.ts); the other changes are events a feature listens to with its `{ signal }`, so the
 * listener goes when the feature's route does.
 */
import browser from 'webextension-polyfill';
import { DATA_VERSION_KEY, IMPORT_JOB_KEY, type ImportJob } from '../shared/messages.ts';
import { SETTINGS_KEY, type Settings, settingsFrom } from '../shared/settings.ts';

const changes = new EventTarget();

export function watchStorage(onLanguage: (language: Settings['language']) => void): void {
  browser.storage.onChanged.addListener((changed, area) => {
    if (area !== 'local') return;
    const language = changed[SETTINGS_KEY] ? settingsFrom(changed[SETTINGS_KEY].newValue).language : null;
    if (language !== null && language !== settingsFrom(changed[SETTINGS_KEY]?.oldValue).language) {
      onLanguage(language);
    } else if (changed[DATA_VERSION_KEY] || changed[SETTINGS_KEY]) {
      changes.dispatchEvent(new Event('data'));
    }
    if (changed[IMPORT_JOB_KEY])
      changes.dispatchEvent(new CustomEvent('import', { detail: changed[IMPORT_JOB_KEY].newValue }));
  });
}

/** The stored data or settings changed (another tab, an import), not on this feature's request. */
export const onDataChange = (listener: () => void, signal: AbortSignal): void =>
  changes.addEventListener('data', listener, { signal });

/** The import's progress (`importJob`), as the worker reports it; undefined once it is cleared. */
export const onImportProgress = (listener: (job: ImportJob | undefined) => void, signal: AbortSignal): void =>
  changes.addEventListener('import', (e) => listener((e as CustomEvent<ImportJob | undefined>).detail), {
    signal,
  });
