import { recommendationId } from '../../model/ids.ts';
import {
  RECOMMENDATION_CATEGORIES,
  RECOMMENDATION_STATUSES,
  REMEDIATION_TYPES,
  type Recommendation,
} from '../../model/recommendation.ts';
import { type FieldReader, type JsonRecord, readRecords } from './fields.ts';

/** One security recommendation as the vendor's Recommendations API returns it. */
function readRecommendation(f: FieldReader): Recommendation {
  return {
    id: f.id('id', recommendationId),
    productName: f.text('productName'),
    recommendationName: f.text('recommendationName'),
    weaknesses: f.count('weaknesses'),
    vendor: f.text('vendor'),
    recommendedVersion: f.text('recommendedVersion'),
    recommendedVendor: f.text('recommendedVendor'),
    recommendedProgram: f.text('recommendedProgram'),
    recommendationCategory: f.oneOf('recommendationCategory', RECOMMENDATION_CATEGORIES),
    subCategory: f.text('subCategory'),
    severityScore: f.number('severityScore'),
    publicExploit: f.boolean('publicExploit'),
    activeAlert: f.boolean('activeAlert'),
    associatedThreats: f.strings('associatedThreats'),
    remediationType: f.oneOf('remediationType', REMEDIATION_TYPES),
    status: f.oneOf('status', RECOMMENDATION_STATUSES),
    configScoreImpact: f.number('configScoreImpact'),
    exposureImpact: f.number('exposureImpact'),
    totalMachineCount: f.count('totalMachineCount'),
    exposedMachinesCount: f.count('exposedMachinesCount'),
    nonProductivityImpactedAssets: f.count('nonProductivityImpactedAssets'),
    relatedComponent: f.text('relatedComponent'),
    exposedCriticalDevices: f.optCount('exposedCriticalDevices'),
    tags: f.strings('tags'),
    hasUnpatchableCve: f.optBoolean('hasUnpatchableCve'),
  };
}

export const parseRecommendations = (records: readonly JsonRecord[], file: string): Recommendation[] =>
  readRecords(records, file, readRecommendation);
