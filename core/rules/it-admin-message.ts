import type { Activity } from '../model/activity.ts';
import type { Recommendation } from '../model/recommendation.ts';
import { dueDateOf } from './overdue.ts';
import { PORTAL_ORIGIN, recommendationUrl } from './remediation-steps.ts';

export interface ItAdminMessage {
  readonly subject: string;
  readonly body: string;
  /** A `mailto:` address with subject and body encoded, no recipient (the requester picks one). */
  readonly mailto: string;
}

/**
 * R-REQ-4 (PD): a ready-made note to the IT administrator, copyable or as a mailto link. English:
 * it goes to whoever administers the devices, not to the requester's interface language.
 */
export function itAdminMessage(
  activity: Activity,
  recommendation: Recommendation | null,
  portalBaseUrl: string = PORTAL_ORIGIN,
): ItAdminMessage {
  const subject = `Remediation request: ${activity.title}`;
  const due = dueDateOf(activity);
  const recId = activity.recommendationId ?? recommendation?.id ?? null;
  const lines = [
    'Hello,',
    '',
    `A remediation activity was requested: ${activity.title}.`,
    ...(recommendation ? [`Recommendation: ${recommendation.recommendationName}`] : []),
    `Priority: ${activity.priority}`,
    ...(due ? [`Due date: ${due}`] : []),
    `Device groups: ${activity.rbacGroupNames.length === 0 ? 'all' : activity.rbacGroupNames.join(', ')}`,
    ...(activity.type === 'AttentionRequired' ? [] : [`Target devices: ${activity.progress.targetDevices}`]),
    ...(activity.requesterNotes.trim() ? ['', `Notes: ${activity.requesterNotes.trim()}`] : []),
    '',
    `Remediation activities: ${portalBaseUrl}/remediation/remediation-activities`,
    ...(recId ? [`Recommendation: ${recommendationUrl(recId, portalBaseUrl)}`] : []),
    '',
    ...(activity.requesterEmail ? [`Requested by ${activity.requesterEmail}`] : []),
  ];
  const body = lines.join('\r\n');
  return {
    subject,
    body,
    mailto: `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`,
  };
}
