/** The email field the recommendation's forms show while none is stored: asked once, then kept. */
import { h } from '../../shared/dom.ts';
import type { Translate } from '../../shared/i18n.ts';
import { type OverlayContext, problems } from './common.ts';

let fields = 0;

export function emailField(t: Translate, missing: boolean) {
  if (!missing) return null;
  const id = `rd-email-${++fields}`;
  return [
    h('label', { for: id }, t('emailAddress')),
    h('input', { id, name: 'email', type: 'email', required: true, autocomplete: 'email' }),
    h('div', { class: 'muted' }, t('emailPrompt')),
  ];
}

/** Store the email typed in `form`, if it asked for one; false (with the reason shown) if refused. */
export async function saveEmailIfAsked(
  ctx: OverlayContext,
  form: HTMLFormElement,
  out: HTMLElement,
): Promise<boolean> {
  const input = form.elements.namedItem('email') as HTMLInputElement | null;
  if (!input) return true;
  const reply = await ctx.send({ type: 'settings.setEmail', email: input.value });
  if (!reply.ok) out.replaceChildren(problems(ctx.t, reply.error, reply.fields));
  return reply.ok;
}
