/**
 * Puts one overlay panel on the page: inline at the adapter's anchor, or behind a floating launcher
 * when the anchor is missing. Everything lives in a Shadow DOM so the portal's styles and ours do
 * not touch, and everything is removed again when the feature's signal aborts (the route changed).
 */
import { h, render } from '../shared/dom.ts';
import type { Translate } from '../shared/i18n.ts';
import { insertAt, type PageAdapter, placementFor } from './adapters/placement.ts';
import { STYLES } from './styles.ts';
import { portalTheme } from './theme.ts';

export interface Panel {
  readonly title: string;
  /** The panel's content element; `refresh` re-renders it from fresh data. */
  readonly body: HTMLElement;
  /** `data`: the stored data changed under the panel (another tab, an import), not on the user's request. */
  refresh(reason?: 'data'): Promise<void>;
}

export interface Mounted {
  refresh(reason?: 'data'): Promise<void>;
  /** Show a line of status (import progress) above the panel's content; null hides it. */
  status(text: string | null, fraction?: number): void;
}

const HOST_ATTR = 'data-remdesk';
/** The portal renders a page a moment after its address changes: wait this long before the launcher. */
const LAUNCHER_DELAY_MS = 600;
/** How long a launcher keeps watching for the adapter's anchor to show up. */
const ANCHOR_WAIT_MS = 15_000;

function hostElement(kind: string, theme: string): { host: HTMLElement; shadow: ShadowRoot } {
  const host = document.createElement('div');
  host.setAttribute(HOST_ATTR, kind);
  // Open, so that tests and assistive tools can reach in; the isolation we need is of styles.
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.append(h('style', null, STYLES));
  host.className = theme;
  return { host, shadow };
}

export function mountPanel(
  adapter: PageAdapter,
  panel: Panel,
  t: Translate,
  routeKind: string,
  signal: AbortSignal,
): Mounted {
  let host: HTMLElement | null = null;
  const statusText = document.createTextNode('');
  const statusBar: HTMLProgressElement = h('progress', { max: 1, value: 0 });
  const statusLine: HTMLElement = h(
    'div',
    { class: 'status', role: 'status', hidden: true },
    statusText,
    statusBar,
  );
  let pendingStatus: { text: string | null; fraction: number | undefined } | null = null;
  let statusFrame: number | null = null;

  function drawStatus(text: string | null, fraction: number | undefined): void {
    statusLine.hidden = text === null;
    if (statusText.data !== (text ?? '')) statusText.data = text ?? '';
    statusBar.hidden = fraction === undefined;
    if (fraction !== undefined) statusBar.value = Math.max(0, Math.min(1, fraction));
  }
  let launcherTimer: ReturnType<typeof setTimeout> | null = null;
  let painted = false;

  /** The card goes up at once, busy, with its title; its data follows from the worker. */
  const frame = (): HTMLElement =>
    h(
      'section',
      { class: 'panel', 'aria-label': panel.title, 'aria-busy': 'true' },
      h('h2', null, panel.title),
      statusLine,
      panel.body,
    );

  function fill(section: HTMLElement): Promise<void> {
    return panel.refresh().finally(() => section.removeAttribute('aria-busy'));
  }

  /** Timing marks for the bench: when our element first showed, and when it showed its data. */
  function markFrame(el: HTMLElement): void {
    requestAnimationFrame(() => {
      el.dataset.framePaintedAt ??= String(performance.now());
    });
  }

  function markPainted(): void {
    if (painted || !host) return;
    painted = true;
    const el = host;
    requestAnimationFrame(() => {
      el.dataset.paintedAt = String(performance.now());
    });
  }

  function openDialog(shadow: ShadowRoot, opener: HTMLElement): void {
    const existing = shadow.querySelector('.dialog');
    if (existing) return;
    // Never show what the panel held when it was last closed: it may be stale or half filled.
    render(panel.body);
    const close = (): void => {
      dialog.remove();
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    };
    const section = frame();
    const dialog = h(
      'div',
      {
        class: 'dialog',
        role: 'dialog',
        'aria-modal': 'false',
        'aria-label': panel.title,
        onKeydown: (e) => {
          if ((e as KeyboardEvent).key === 'Escape') close();
        },
      },
      h('button', { class: 'close', type: 'button', 'aria-label': t('close'), onClick: close }, '×'),
      section,
    );
    shadow.append(dialog);
    opener.setAttribute('aria-expanded', 'true');
    void fill(section).then(() => {
      markPainted();
      dialog.querySelector<HTMLElement>('select, input, textarea, button:not(.close)')?.focus();
    });
  }

  function mountInline(): boolean {
    const placement = placementFor(adapter, document);
    if (placement.kind === 'launcher') return false;
    const { host: el, shadow } = hostElement(`${routeKind}-inline`, portalTheme(document));
    if (adapter.inline === 'panel') {
      const section = frame();
      shadow.append(section);
      void fill(section).then(markPainted);
    } else {
      const button: HTMLButtonElement = h(
        'button',
        {
          class: 'primary',
          type: 'button',
          'aria-haspopup': 'dialog',
          onClick: () => openDialog(shadow, button),
        },
        panel.title,
      );
      shadow.append(button);
      markPainted();
    }
    insertAt(placement, el);
    host = el;
    markFrame(el);
    return true;
  }

  function mountLauncher(): void {
    const { host: el, shadow } = hostElement(`${routeKind}-launcher`, portalTheme(document));
    const button: HTMLButtonElement = h(
      'button',
      {
        class: 'launcher primary',
        type: 'button',
        'aria-haspopup': 'dialog',
        title: panel.title,
        onClick: () => openDialog(shadow, button),
      },
      `${t('colon', { label: t('openLauncher') })}${panel.title}`,
    );
    shadow.append(button);
    // The launcher's delay runs from document_start: a very slow page may have no body yet.
    (document.body ?? document.documentElement).append(el);
    host = el;
    markFrame(el);
    markPainted();
  }

  /**
   * One observer for the life of the overlay: the portal re-renders its pages at will, so when our
   * element is thrown away with the portal's markup it is put back, and a launcher standing in for a
   * missing anchor moves inline once the anchor shows up.
   */
  const mountedAt = Date.now();
  function place(): void {
    if (host?.isConnected) {
      const isLauncher = host.getAttribute(HOST_ATTR)?.endsWith('-launcher') ?? false;
      // A launcher whose dialog is open stays: moving it would close what the user is doing.
      if (!isLauncher || host.shadowRoot?.querySelector('.dialog') || Date.now() - mountedAt > ANCHOR_WAIT_MS)
        return;
      if (placementFor(adapter, document).kind !== 'inline') return;
      host.remove();
    }
    host = null;
    painted = false;
    if (mountInline()) {
      if (launcherTimer) clearTimeout(launcherTimer);
      launcherTimer = null;
    } else {
      launcherTimer ??= setTimeout(() => {
        launcherTimer = null;
        if (!host) mountLauncher();
      }, LAUNCHER_DELAY_MS);
    }
  }

  place();
  const observer = new MutationObserver(place);
  // The script runs at document_start so the card can go in as soon as the parser inserts its
  // anchor, before the page's first frame: there is no body to watch yet.
  observer.observe(document.documentElement, { childList: true, subtree: true });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (launcherTimer) clearTimeout(launcherTimer);
      if (statusFrame !== null) cancelAnimationFrame(statusFrame);
      host?.remove();
      host = null;
    },
    { once: true },
  );

  return {
    refresh: (reason) => (panel.body.isConnected ? panel.refresh(reason) : Promise.resolve()),
    status(text, fraction) {
      // Progress arrives as fast as the worker reports it: keep the latest and draw it once per
      // frame, changing the line in place instead of rebuilding it.
      pendingStatus = { text, fraction };
      statusFrame ??= requestAnimationFrame(() => {
        statusFrame = null;
        if (pendingStatus) drawStatus(pendingStatus.text, pendingStatus.fraction);
      });
    },
  };
}
