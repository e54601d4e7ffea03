import type { PageAdapter } from './placement.ts';

/** /tvm_dashboard: our Top remediation activities card goes first in the dashboard's card grid. */
export const dashboardAdapter: PageAdapter = {
  inline: 'panel',
  anchors: [
    { selector: '[data-automation-id="tvm-dashboard-cards"]', position: 'prepend' },
    { selector: 'main .ms-Grid', position: 'prepend' },
  ],
};
