import type { Device, Exposure, Instant, State } from '../../core/index.ts';

/**
 * Rows of the vendor's software-vulnerabilities export (`AssetVulnerability`) for a state: one row
 * per device × recommendation × vulnerability, shaped like the real export. Used to make import
 * fixtures and the 1,000,000-record benchmark file from a sample state.
 */
export function* vulnerabilityRows(
  state: Pick<State, 'devices' | 'exposures'>,
  seenAt: Instant,
  /** How many rows (vulnerabilities) the i-th exposure gets; by default its own count. */
  rowsFor: (e: Exposure, index: number) => number = (e) => Math.max(1, e.vulnerabilities),
): Generator<Record<string, unknown>> {
  const devices = new Map<string, Device>(state.devices.map((d) => [d.id, d]));
  const stamp = seenAt.replace('T', ' ').slice(0, 19);
  for (const [index, e] of state.exposures.entries()) {
    const d = devices.get(e.deviceId);
    if (!d) continue;
    const [, vendor = '', product = e.recommendationId] = e.recommendationId.split('-_-');
    const n = rowsFor(e, index);
    for (let i = 0; i < n; i++) {
      yield {
        id: `${d.id}_${product}_1.0.${i}__CVE-2024-${String(10000 + i)}`,
        deviceId: d.id,
        rbacGroupName: d.rbacGroupName,
        deviceName: d.computerDnsName,
        osPlatform: d.osPlatform,
        osVersion: '10.0.19045.5247',
        osArchitecture: 'x64',
        softwareVendor: vendor,
        softwareName: product,
        softwareVersion: '1.0.0',
        cveId: e.vulnerabilities === 0 ? null : `CVE-2024-${String(10000 + i)}`,
        vulnerabilitySeverityLevel: e.highestSeverity,
        recommendedSecurityUpdate: null,
        recommendedSecurityUpdateId: null,
        recommendedSecurityUpdateUrl: null,
        diskPaths: [],
        registryPaths: [],
        lastSeenTimestamp: stamp,
        firstSeenTimestamp: (e.firstSeen ?? seenAt).replace('T', ' ').slice(0, 19),
        exploitabilityLevel: 'NoExploit',
        recommendationReference: e.recommendationId,
      };
    }
  }
}
