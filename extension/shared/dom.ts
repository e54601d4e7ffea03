/**
 * A tiny element builder. Everything from the data goes in as text nodes (never markup), so a
 * hostile name in an import renders as the characters it is.
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];
type Handler = (e: Event) => void;
export type Props = Record<string, string | number | boolean | Handler | null | undefined>;

const SAFE_URL = /^(https:\/\/|http:\/\/127\.0\.0\.1[:/]|mailto:|\/|#)/i;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'value' || name === 'checked' || name === 'selected') {
      (el as unknown as Record<string, unknown>)[name] = value;
    } else if ((name === 'href' || name === 'src') && !SAFE_URL.test(String(value))) {
      // A link built from imported data that is not one of ours is dropped rather than followed.
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(typeof c === 'object' ? (c as Node) : document.createTextNode(String(c)));
  }
}

/** Replace an element's content. */
export function render(target: Element | ShadowRoot, ...children: Child[]): void {
  target.replaceChildren();
  append(target, children);
}

/** Save a text file through a temporary link (no downloads permission needed). */
export function saveText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  saveBlob(fileName, new Blob([text], { type }));
}

export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: '#', download: fileName });
  a.href = url;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
