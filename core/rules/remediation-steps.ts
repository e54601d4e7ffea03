import type { Activity } from '../model/activity.ts';
import type { RecommendationId } from '../model/ids.ts';
import type { Recommendation } from '../model/recommendation.ts';

export const PORTAL_ORIGIN = 'https://security.microsoft.com';

/** The portal address of one recommendation (its flyout on the recommendations page). */
export const recommendationUrl = (id: RecommendationId, portalBaseUrl: string = PORTAL_ORIGIN): string =>
  `${portalBaseUrl}/security-recommendations?recommendationId=${encodeURIComponent(id)}`;

/**
 * One step, as data: the surfaces word it in their language (en, zh-CN). Product names, versions
 * and configuration changes come from the vendor and are shown as they are.
 */
export type RemediationStep =
  | { readonly kind: 'update'; readonly product: string; readonly toVersion: string | null }
  | {
      readonly kind: 'upgrade';
      readonly product: string;
      readonly toProgram: string | null;
      readonly toVersion: string | null;
    }
  | { readonly kind: 'uninstall'; readonly product: string }
  | { readonly kind: 'configure'; readonly change: string }
  /** Attention required: read the recommendation and decide what to do. */
  | { readonly kind: 'review'; readonly recommendation: string }
  /** Tracked types: the next exposure import confirms each fixed device (R-PROG-1). */
  | { readonly kind: 'awaitConfirmation' }
  /** Attention required completes only by hand (R-DONE-2). */
  | { readonly kind: 'markComplete' };

export interface RemediationSteps {
  readonly steps: readonly RemediationStep[];
  /** null only for an imported activity that names no recommendation. */
  readonly recommendationLink: string | null;
}

const orNull = (s: string | null | undefined): string | null => (s ? s : null);

/** R-STEP-1 (PD): the steps follow from the activity's type and its recommendation. */
export function remediationSteps(
  activity: Activity,
  recommendation: Recommendation | null,
): RemediationSteps {
  const product = recommendation?.relatedComponent || activity.relatedComponent || activity.title;
  const main: RemediationStep = (() => {
    switch (activity.type) {
      case 'Update':
        return {
          kind: 'update',
          product,
          toVersion: orNull(recommendation?.recommendedVersion) ?? activity.recommendedVersion,
        };
      case 'Upgrade':
        return {
          kind: 'upgrade',
          product,
          toProgram: orNull(recommendation?.recommendedProgram) ?? activity.recommendedProgram,
          toVersion: orNull(recommendation?.recommendedVersion) ?? activity.recommendedVersion,
        };
      case 'Uninstall':
        return { kind: 'uninstall', product };
      case 'ConfigurationChange':
        return { kind: 'configure', change: recommendation?.recommendationName || activity.title };
      case 'AttentionRequired':
        return { kind: 'review', recommendation: recommendation?.recommendationName || activity.title };
    }
  })();
  const id = activity.recommendationId ?? recommendation?.id ?? null;
  return {
    steps: [
      main,
      activity.type === 'AttentionRequired' ? { kind: 'markComplete' } : { kind: 'awaitConfirmation' },
    ],
    recommendationLink: id === null ? null : recommendationUrl(id),
  };
}

/** English wording of the steps (other languages live with the surfaces). */
export const describeSteps = (steps: readonly RemediationStep[]): string[] => steps.map(describeStep);

function describeStep(s: RemediationStep): string {
  switch (s.kind) {
    case 'update':
      return s.toVersion
        ? `Update ${s.product} to version ${s.toVersion} or later.`
        : `Update ${s.product} to the latest version.`;
    case 'upgrade':
      return `Upgrade ${s.product} to ${[s.toProgram, s.toVersion].filter(Boolean).join(' ') || 'a supported version'}.`;
    case 'uninstall':
      return `Uninstall ${s.product} from the affected devices.`;
    case 'configure':
      return `Apply the configuration change: ${s.change}.`;
    case 'review':
      return `Review the recommendation "${s.recommendation}" and decide how to address it.`;
    case 'awaitConfirmation':
      return 'Progress updates as new exposure data shows devices fixed; the activity completes when all are.';
    case 'markComplete':
      return 'Mark the activity complete when you are done.';
  }
}
