/**
 * The options page: email, Intune connection (off by default), language. Retention is the team's
 * fixed period (R-RET-1), shown but not set here. A language change redraws the page at once.
 */
import browser from 'webextension-polyfill';
import { RETENTION_DAYS } from '../../core/index.ts';
import { confirmAction } from '../content/overlays/confirm.ts';
import { send } from '../shared/client.ts';
import { h, render } from '../shared/dom.ts';
import { resolveLocale, type Translate, translator } from '../shared/i18n.ts';
import { LANGUAGES } from '../shared/messages.ts';
import { type Language, SETTINGS_KEY, type Settings, settingsFrom } from '../shared/settings.ts';
import { pageContext } from './page-context.ts';

const app = document.getElementById('app') as HTMLElement;

function draw(settings: Settings, t: Translate, status: Node | null): void {
  const out = h('div', { role: 'status', 'aria-live': 'polite' }, status);
  const form = h(
    'form',
    { id: 'settings' },
    h('label', { for: 'email' }, t('emailAddress')),
    h('input', {
      id: 'email',
      name: 'email',
      type: 'email',
      value: settings.email ?? '',
      autocomplete: 'email',
    }),
    h(
      'label',
      { class: 'inline' },
      h('input', { id: 'intune', name: 'intune', type: 'checkbox', checked: settings.intuneEnabled }),
      t('intuneConnection'),
    ),
    h('label', { for: 'language' }, t('language')),
    h(
      'select',
      { id: 'language', name: 'language' },
      LANGUAGES.map((l) => h('option', { value: l, selected: l === settings.language }, t(`language.${l}`))),
    ),
    h('div', { class: 'row' }, h('button', { type: 'submit', id: 'save' }, t('save'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    void send({
      type: 'settings.save',
      patch: {
        email: email === '' ? null : email,
        intuneEnabled: data.get('intune') === 'on',
        language: String(data.get('language')) as Language,
      },
    }).then((r) =>
      render(out, r.ok ? h('p', { class: 'saved' }, t('saved')) : h('p', { class: 'error' }, r.error)),
    );
  });
  const retentionButton = h(
    'button',
    { type: 'button', id: 'retention-now', onClick: () => void retentionNow() },
    t('applyRetention'),
  );
  /** Removing completed activities cannot be undone: the dialog says what goes first. */
  async function retentionNow(): Promise<void> {
    const sure = await confirmAction(retentionButton, {
      title: t('confirmRetentionTitle'),
      message: t('confirmRetention', { n: RETENTION_DAYS }),
      confirm: t('applyRetention'),
      back: t('goBack'),
    });
    if (!sure) return;
    const r = await send({ type: 'retention.run' });
    render(
      out,
      r.ok ? h('p', null, t('retentionDone', { n: r.value.removed })) : h('p', { class: 'error' }, r.error),
    );
  }
  render(
    app,
    h('h1', null, t('settings')),
    form,
    h('h2', null, t('retentionPeriod')),
    h('p', { class: 'retention' }, t('retentionFixed', { n: RETENTION_DAYS })),
    h('div', { class: 'row' }, retentionButton),
    out,
  );
}

const first = await pageContext();
draw(first.settings, first.t, null);

// Saving a new language (here, or from another page) redraws in it at once, keeping the saved note.
browser.storage.onChanged.addListener((changes, area) => {
  const change = changes[SETTINGS_KEY];
  if (area !== 'local' || !change) return;
  const settings = settingsFrom(change.newValue);
  if (settings.language === settingsFrom(change.oldValue).language) return;
  const locale = resolveLocale(settings.language, navigator.language);
  document.documentElement.lang = locale;
  const t = translator(locale);
  draw(settings, t, h('p', { class: 'saved' }, t('saved')));
});
