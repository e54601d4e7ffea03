import type { PageAdapter } from './placement.ts';

/**
 * /security-recommendations: the "Request remediation" button sits in the recommendation flyout's
 * command bar when a flyout is open, else in the page's command bar.
 */
export const recommendationAdapter: PageAdapter = {
  inline: 'button',
  anchors: [
    { selector: '[data-automation-id="recommendation-flyout"] .ms-CommandBar', position: 'append' },
    { selector: '[data-automation-id="security-recommendations-commandbar"]', position: 'append' },
  ],
};
