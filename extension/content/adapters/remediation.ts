import type { PageAdapter } from './placement.ts';

/** /remediation/remediation-activities: our activity list goes above the portal's own table. */
export const remediationAdapter: PageAdapter = {
  inline: 'panel',
  anchors: [
    { selector: '[data-automation-id="remediation-activities-tab"]', position: 'prepend' },
    { selector: 'main [role="tabpanel"]', position: 'prepend' },
  ],
};
