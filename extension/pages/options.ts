/** The options page: email, Intune connection (off by default), language, retention (R-RET-1). */
import { send } from '../shared/client.ts';
import { h, render } from '../shared/dom.ts';
import { LANGUAGES } from '../shared/messages.ts';
import type { Language } from '../shared/settings.ts';
import { pageContext } from './page-context.ts';

const { settings, t } = await pageContext();
const app = document.getElementById('app') as HTMLElement;
const out = h('div', { role: 'status', 'aria-live': 'polite' });

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
  h('label', { for: 'retention' }, t('retentionPeriod')),
  h('input', {
    id: 'retention',
    name: 'retention',
    type: 'number',
    min: 1,
    max: 3650,
    value: settings.retentionDays,
  }),
  h(
    'div',
    { class: 'row' },
    h('button', { type: 'submit', id: 'save' }, t('save')),
    h(
      'button',
      { type: 'button', id: 'retention-now', onClick: () => void retentionNow() },
      t('applyRetention'),
    ),
  ),
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
      retentionDays: Number(data.get('retention')),
    },
  }).then((r) =>
    render(out, r.ok ? h('p', { class: 'saved' }, t('saved')) : h('p', { class: 'error' }, r.error)),
  );
});

async function retentionNow(): Promise<void> {
  const r = await send({ type: 'retention.run' });
  render(
    out,
    r.ok ? h('p', null, t('retentionDone', { n: r.value.removed })) : h('p', { class: 'error' }, r.error),
  );
}

render(app, h('h1', null, t('settings')), form, out);
