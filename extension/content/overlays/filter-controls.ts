/**
 * The controls above a table: a search box and labelled choices. Each reports its new value; the
 * table redraws below them, so the control being used keeps its focus.
 */
import { h } from '../../shared/dom.ts';
import type { Translate } from '../../shared/i18n.ts';

let controls = 0;

export function searchBox(t: Translate, value: string, onInput: (value: string) => void): HTMLElement {
  const id = `rd-search-${++controls}`;
  return h(
    'div',
    { class: 'filter' },
    h('label', { for: id }, t('search')),
    h('input', {
      id,
      type: 'search',
      name: 'search',
      value,
      onInput: (e) => onInput((e.target as HTMLInputElement).value),
    }),
  );
}

/** A choice among `options` ([value, label]); the first option, "Any", has the value ''. */
export function choiceFilter(
  t: Translate,
  label: string,
  name: string,
  value: string,
  options: readonly (readonly [string, string])[],
  onChange: (value: string) => void,
): HTMLElement {
  const id = `rd-filter-${name}-${++controls}`;
  return h(
    'div',
    { class: 'filter' },
    h('label', { for: id }, label),
    h(
      'select',
      { id, name, onChange: (e) => onChange((e.target as HTMLSelectElement).value) },
      [['', t('any')] as const, ...options].map(([v, text]) =>
        h('option', { value: v, selected: v === value }, text),
      ),
    ),
  );
}

export function checkFilter(
  label: string,
  name: string,
  checked: boolean,
  onChange: (checked: boolean) => void,
): HTMLElement {
  return h(
    'label',
    { class: 'inline filter' },
    h('input', {
      type: 'checkbox',
      name,
      checked,
      onChange: (e) => onChange((e.target as HTMLInputElement).checked),
    }),
    label,
  );
}
