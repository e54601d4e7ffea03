/** The user's settings: read by anyone, written from the extension's pages (and the email from an overlay). */
import { email } from '../../../core/index.ts';
import { loadSettings, saveSettings } from '../settings-store.ts';
import { checked, type HandlerTable } from './common.ts';

export const settingsHandlers: HandlerTable<'settings.get' | 'settings.save' | 'settings.setEmail'> = {
  'settings.get': () => loadSettings(),
  'settings.save': ({ patch }) =>
    saveSettings(
      patch.email === undefined || patch.email === null
        ? patch
        : { ...patch, email: checked('email', () => email(patch.email as string)) },
    ),
  'settings.setEmail': (req) => saveSettings({ email: checked('email', () => email(req.email)) }),
};
