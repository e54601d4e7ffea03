import type { DomainTerms } from './terms.ts';

/** The vendor's English terms (Microsoft Defender Vulnerability Management, Intune). */
export const EN_TERMS: DomainTerms = {
  priority: { High: 'High', Medium: 'Medium', Low: 'Low' },
  activityType: {
    Update: 'Software update',
    Upgrade: 'Software upgrade',
    Uninstall: 'Software uninstall',
    ConfigurationChange: 'Configuration change',
    AttentionRequired: 'Attention required',
  },
  activityStatus: { Active: 'Active', Completed: 'Completed' },
  deviceState: {
    exposed: 'Exposed',
    fixed: 'Fixed',
    leftScope: 'Left the device groups',
    vanished: 'No longer in the data',
  },
  completedBy: { system: 'System confirmation', unknown: 'N/A' },
  // Intune's `active` is a task the IT administrator has accepted and is working on.
  taskStatus: { pending: 'Pending', active: 'Accepted', completed: 'Completed', rejected: 'Rejected' },
  justification: {
    ThirdPartyControl: 'Third party control',
    AlternateMitigation: 'Alternate mitigation',
    RiskAccepted: 'Risk accepted',
    PlannedRemediation: 'Planned remediation (grace)',
  },
  exceptionStatus: {
    InEffect: 'In effect',
    Suspended: 'Suspended',
    Expired: 'Expired',
    Canceled: 'Canceled',
  },
  // Future groups are what set a global exception apart from one naming every group there is now (R-EXC-2).
  exceptionScope: { global: 'Global (all current and future device groups)', groups: 'Device groups' },
  recommendationStatus: { Active: 'Active', Exception: 'Exception' },
  severity: { Critical: 'Critical', High: 'High', Medium: 'Medium', Low: 'Low', unknown: 'Unknown (no CVE)' },
};
