import { type DomainTerms, termKeys } from '../../core/index.ts';

/** The domain's terms (core's, shared with the extension) under the site's message keys. */
export const termMessages = (terms: DomainTerms) => ({
  ...termKeys('status', terms.activityStatus),
  ...termKeys('priority', terms.priority),
  ...termKeys('type', terms.activityType),
  ...termKeys('task', terms.taskStatus),
  ...termKeys('device', terms.deviceState),
  ...termKeys('done', terms.completedBy),
  ...termKeys('just', terms.justification),
  ...termKeys('exc', terms.exceptionStatus),
  'scope.global': terms.exceptionScope.global,
  'exceptions.scopeGroups': terms.exceptionScope.groups,
  ...termKeys('rec', terms.recommendationStatus),
  ...termKeys('severity', terms.severity),
});
