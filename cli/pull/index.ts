/**
 * Fetching from the Microsoft Defender for Endpoint API for `remdesk pull`: sign-in, the HTTP
 * client with its limits and retries, and the fetchers that hand back the vendor's answers
 * verbatim. See docs/pull.md.
 */
export { createTokenSource, type TokenSource } from './auth.ts';
export { DefenderClient, type DefenderClientOptions, PERMISSION_OF } from './client.ts';
export { CLOUDS, type Cloud, type CloudName, REGIONS, type RegionName } from './clouds.ts';
export {
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  type ConnectionFlags,
  type Credential,
  describeConnection,
  loadCertificate,
  type PullConnection,
  resolveConnection,
} from './config.ts';
export {
  isPullError,
  PULL_EXIT,
  PullApiError,
  PullAuthError,
  PullError,
  PullNetworkError,
  PullPermissionError,
  redact,
  registerSecret,
  SasExpiredError,
  showUrl,
} from './errors.ts';
export { describeEvent, type EventSink, type PullEvent } from './events.ts';
export {
  activeTaskIds,
  DELTA_MAX_DAYS,
  deltaReaches,
  type ExportPart,
  type ExposureFiles,
  type ExposureFilesOptions,
  fetchExposureDelta,
  fetchExposureFiles,
  fetchExposurePages,
  fetchMachineReferences,
  fetchMachines,
  fetchRecommendations,
  fetchRemediationTasks,
  partLines,
  type VendorPage,
} from './fetchers.ts';
export {
  type Clock,
  DOCUMENTED_LIMITS,
  type Family,
  type Limit,
  RateLimiter,
  systemClock,
} from './limiter.ts';
export { nextLinkOf, topLevelString } from './odata.ts';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.ts';
export { Transport, type TransportOptions } from './transport.ts';
