import type { RecommendationId } from './ids.ts';

export const RECOMMENDATION_CATEGORIES = [
  'Accounts',
  'Application',
  'Network',
  'OS',
  'SecurityControls',
] as const;
export type RecommendationCategory = (typeof RECOMMENDATION_CATEGORIES)[number];
export const REMEDIATION_TYPES = ['ConfigurationChange', 'Update', 'Upgrade', 'Uninstall'] as const;
export type RemediationType = (typeof REMEDIATION_TYPES)[number];
export const RECOMMENDATION_STATUSES = ['Active', 'Exception'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** A security recommendation, as the vendor's API returns it (domain.md §1). */
export interface Recommendation {
  readonly id: RecommendationId;
  readonly productName: string;
  readonly recommendationName: string;
  readonly weaknesses: number;
  readonly vendor: string;
  readonly recommendedVersion: string;
  readonly recommendedVendor: string;
  readonly recommendedProgram: string;
  readonly recommendationCategory: RecommendationCategory;
  readonly subCategory: string;
  readonly severityScore: number;
  readonly publicExploit: boolean;
  readonly activeAlert: boolean;
  readonly associatedThreats: readonly string[];
  readonly remediationType: RemediationType;
  readonly status: RecommendationStatus;
  readonly configScoreImpact: number;
  readonly exposureImpact: number;
  readonly totalMachineCount: number;
  readonly exposedMachinesCount: number;
  readonly nonProductivityImpactedAssets: number;
  readonly relatedComponent: string;
  readonly exposedCriticalDevices: number | null;
  readonly tags: readonly string[];
  readonly hasUnpatchableCve: boolean | null;
}

/** Software recommendations are `va-_-{vendor}-_-{product}`; configuration ones `sca-_-scid-{n}`. */
export const isConfigurationRecommendation = (r: Pick<Recommendation, 'id'>): boolean =>
  r.id.startsWith('sca-_-');
