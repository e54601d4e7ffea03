/**
 * Choosing the recommendation when the address names none: a filterable list rather than a select,
 * since a select is as wide as its longest name and overflows the dialog; here long names wrap and
 * the list scrolls inside the dialog. The filter typed lasts while the page does.
 */
import { h, render } from '../../shared/dom.ts';
import type { Translate } from '../../shared/i18n.ts';
import type { RecommendationSummary } from '../../shared/views.ts';

export interface RecommendationPicker {
  show(recommendations: readonly RecommendationSummary[], chosen: string | null): HTMLElement;
}

export function recommendationPicker(t: Translate, pick: (id: string) => void): RecommendationPicker {
  let filter = '';
  return {
    show(recommendations, chosen) {
      const list = h('ul', { class: 'picker-list', 'aria-labelledby': 'rd-rec-label' });
      const drawList = (): void => {
        const wanted = filter.trim().toLocaleLowerCase();
        render(
          list,
          recommendations
            .filter((r) => wanted === '' || r.name.toLocaleLowerCase().includes(wanted))
            .map((r) =>
              h(
                'li',
                null,
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'pick',
                    'data-recommendation-id': r.id,
                    'aria-pressed': String(r.id === chosen),
                    onClick: () => pick(r.id),
                  },
                  h('span', { class: 'name' }, r.name),
                  h('span', { class: 'count' }, t('devicesCount', { n: r.exposedDevices })),
                ),
              ),
            ),
        );
      };
      drawList();
      return h(
        'div',
        { class: 'picker' },
        h('div', { id: 'rd-rec-label', class: 'label' }, t('chooseRecommendation')),
        h('input', {
          type: 'search',
          name: 'recommendationFilter',
          'aria-label': t('filterRecommendations'),
          placeholder: t('filterRecommendations'),
          value: filter,
          onInput: (e) => {
            filter = (e.target as HTMLInputElement).value;
            drawList();
          },
        }),
        list,
      );
    },
  };
}
