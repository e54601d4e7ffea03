/**
 * The overlay's own confirmation dialog for actions that cannot be undone. Not window.confirm: that
 * blocks the portal's page, cannot say what will happen in our words and styles, and Firefox lets a
 * page suppress it. Modal within our shadow root: focus stays in it (Tab cycles), Escape or the
 * backdrop go back, and the safe choice has the focus first.
 */
import { type Child, h } from '../../shared/dom.ts';

export interface Confirmation {
  readonly title: string;
  readonly message: Child;
  /** The button that does it, named for what it does. */
  readonly confirm: string;
  readonly back: string;
}

let dialogs = 0;

/** Ask, next to `from` (inside its shadow root, or the page for the extension's own pages). */
export function confirmAction(from: Element, c: Confirmation): Promise<boolean> {
  const root = from.getRootNode();
  const container: ParentNode = root instanceof ShadowRoot ? root : document.body;
  const focusRoot: DocumentOrShadowRoot = root instanceof ShadowRoot ? root : document;
  const opener = focusRoot.activeElement as HTMLElement | null;
  const n = ++dialogs;
  return new Promise((resolve) => {
    const done = (yes: boolean): void => {
      backdrop.remove();
      opener?.focus();
      resolve(yes);
    };
    const back = h('button', { type: 'button', class: 'confirm-back', onClick: () => done(false) }, c.back);
    const yes = h(
      'button',
      { type: 'button', class: 'primary confirm-yes', onClick: () => done(true) },
      c.confirm,
    );
    const box = h(
      'div',
      {
        class: 'confirm',
        role: 'alertdialog',
        'aria-modal': 'true',
        'aria-labelledby': `rd-confirm-title-${n}`,
        'aria-describedby': `rd-confirm-message-${n}`,
      },
      h('h3', { id: `rd-confirm-title-${n}` }, c.title),
      h('div', { id: `rd-confirm-message-${n}`, class: 'confirm-message' }, c.message),
      h('div', { class: 'row confirm-buttons' }, back, yes),
    );
    const backdrop = h(
      'div',
      {
        class: 'confirm-backdrop',
        onClick: (e) => {
          if (e.target === backdrop) done(false);
        },
        onKeydown: (e) => {
          const key = e as KeyboardEvent;
          // Escape must close this dialog only, not the panel's dialog around it.
          key.stopPropagation();
          if (key.key === 'Escape') {
            key.preventDefault();
            done(false);
          } else if (key.key === 'Tab') {
            key.preventDefault();
            (focusRoot.activeElement === back ? yes : back).focus();
          }
        },
      },
      box,
    );
    container.append(backdrop);
    back.focus();
  });
}
