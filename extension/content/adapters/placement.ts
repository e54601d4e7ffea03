/**
 * Where an overlay goes on a portal page. Each page's adapter lists the places it knows, most
 * specific first; when none is on the page (the portal's markup changed, or has not rendered yet)
 * the overlay falls back to a floating launcher that opens the same panel.
 */
export interface QueryRoot {
  querySelector(selectors: string): Element | null;
}

export type Position = 'prepend' | 'append' | 'before' | 'after';

export interface Anchor {
  readonly selector: string;
  readonly position: Position;
}

export interface PageAdapter {
  /** How the overlay shows inline: a panel in the page, or a button that opens the panel. */
  readonly inline: 'panel' | 'button';
  readonly anchors: readonly Anchor[];
}

export type Placement =
  | { readonly kind: 'inline'; readonly element: Element; readonly position: Position }
  | { readonly kind: 'launcher' };

export function placementFor(adapter: PageAdapter, root: QueryRoot): Placement {
  for (const { selector, position } of adapter.anchors) {
    const element = root.querySelector(selector);
    if (element) return { kind: 'inline', element, position };
  }
  return { kind: 'launcher' };
}

export function insertAt(placement: Extract<Placement, { kind: 'inline' }>, node: Element): void {
  const { element, position } = placement;
  if (position === 'prepend') element.prepend(node);
  else if (position === 'append') element.append(node);
  else if (position === 'before') element.before(node);
  else element.after(node);
}
