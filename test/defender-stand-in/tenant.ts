/**
 * The stand-in's tenant: devices, recommendations, exposures and remediation activities, all
 * derived from a seed and a size by arithmetic, so any row can be made on its own without the
 * others. A 100,000-device tenant with 2,000,000 exposure records is never held in memory: an
 * export part or page makes its rows as it writes them.
 *
 * Shapes follow the vendor's documented samples (test/fixtures/defender-api/), with some of the
 * quirks real exports have: timestamps as `2021-01-05 17:04:30`, `cveId` null or a `TVM-` id,
 * device groups with quotes and non-ASCII names.
 */

export interface TenantSize {
  readonly devices: number;
  readonly recommendations: number;
  /** Exposure records (device × software × CVE rows) in the full export. */
  readonly exposures: number;
  readonly activities: number;
  /** Rows of the delta export (New, Fixed, Updated). */
  readonly deltaChanges: number;
}

/** 32-bit mixing of a few integers (murmur3's finalizer over a running state). */
export function h32(...xs: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** A GUID-shaped id, deterministic. */
export function guidOf(...xs: readonly number[]): string {
  const h = `${hex8(h32(...xs, 1))}${hex8(h32(...xs, 2))}${hex8(h32(...xs, 3))}${hex8(h32(...xs, 4))}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface Group {
  readonly name: string;
  readonly id: number;
  readonly prefix: string;
  readonly servers: boolean;
  readonly weight: number;
}

const GROUPS: readonly Group[] = [
  { name: 'Workstations', id: 101, prefix: 'ws', servers: false, weight: 30 },
  { name: 'Finance', id: 102, prefix: 'fin', servers: false, weight: 12 },
  { name: 'Sales & "Marketing"', id: 103, prefix: 'sal', servers: false, weight: 12 },
  { name: '研发中心 (Shanghai)', id: 104, prefix: 'sha', servers: false, weight: 10 },
  { name: 'Servers-Prod', id: 105, prefix: 'srv', servers: true, weight: 14 },
  { name: 'Servers-Dev', id: 106, prefix: 'dev', servers: true, weight: 8 },
  { name: 'UnassignedGroup', id: 0, prefix: 'pc', servers: false, weight: 6 },
];
const GROUP_WEIGHT = GROUPS.reduce((s, g) => s + g.weight, 0);

const WORKSTATION_OS = ['Windows10', 'Windows11', 'Windows11', 'Windows10', 'macOS', 'Linux'] as const;
const SERVER_OS = ['WindowsServer2019', 'WindowsServer2022', 'WindowsServer2016', 'Linux'] as const;

export interface Recommendation {
  readonly index: number;
  readonly id: string;
  readonly vendor: string;
  readonly product: string;
  readonly name: string;
  readonly component: string;
  readonly category: 'Application' | 'OS' | 'Network' | 'SecurityControls' | 'Accounts';
  readonly remediationType: 'Update' | 'Upgrade' | 'Uninstall' | 'ConfigurationChange';
  readonly recommendedVersion: string;
  readonly configuration: boolean;
  readonly cves: number;
  readonly severity: 'Low' | 'Medium' | 'High' | 'Critical';
}

const SOFTWARE: readonly (readonly [string, string, string, string, Recommendation['remediationType']])[] = [
  ['google', 'chrome', 'Chrome', '131.0.6778.86', 'Update'],
  ['microsoft', 'edge_chromium-based', 'Edge Chromium-based', '131.0.2903.70', 'Update'],
  ['mozilla', 'firefox', 'Firefox', '133.0', 'Update'],
  ['oracle', 'jre', 'Java Runtime Environment', '8.0.431', 'Update'],
  ['adobe', 'acrobat_reader_dc', 'Acrobat Reader DC', '24.005.20320', 'Update'],
  ['7-zip', '7-zip', '7-Zip', '24.08', 'Update'],
  ['microsoft', 'silverlight', 'Microsoft Silverlight', '', 'Uninstall'],
  ['videolan', 'vlc_media_player', 'VLC media player', '3.0.21', 'Update'],
  ['notepad-plus-plus', 'notepad++', 'Notepad++', '8.7.1', 'Update'],
  ['microsoft', 'windows_10', 'Windows 10', '', 'Update'],
  ['microsoft', 'windows_11', 'Windows 11', '', 'Update'],
  ['microsoft', 'windows_server_2019', 'Windows Server 2019', '', 'Update'],
  ['microsoft', '.net_framework', '.NET Framework', '4.8.1', 'Update'],
  ['microsoft', 'office', 'Microsoft 365 Apps', '16.0.18129', 'Update'],
  ['putty', 'putty', 'PuTTY', '0.82', 'Update'],
  ['zoom', 'zoom', 'Zoom Workplace', '6.2.11', 'Update'],
  ['openssl', 'openssl', 'OpenSSL', '3.4.0', 'Update'],
  ['python', 'python', 'Python', '3.13.1', 'Upgrade'],
  ['apache', 'log4j', 'Apache Log4j', '2.24.2', 'Update'],
  ['winrar', 'winrar', 'WinRAR', '7.01', 'Update'],
];

const CONFIGURATION: readonly (readonly [number, string, Recommendation['category']])[] = [
  [91, 'Turn on Microsoft Defender Antivirus PUA protection in block mode', 'SecurityControls'],
  [2001, 'Disable SMBv1 client driver', 'Network'],
  [49, 'Set minimum password length to 14 or more characters', 'Accounts'],
  [8, 'Turn on Microsoft Defender Firewall for all profiles', 'SecurityControls'],
  [65, 'Block Office applications from creating child processes', 'SecurityControls'],
  [1000, 'Enable Local Security Authority (LSA) protection', 'OS'],
];

const SEVERITIES = ['Low', 'Medium', 'High', 'Critical'] as const;

export interface Device {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly group: Group;
  readonly os: string;
  /** Exposure records of this device in the full export. */
  readonly records: number;
  /** CVE rows per exposed recommendation. */
  readonly perRecommendation: number;
  /** Its exposed recommendations are `start`, `start+1`, … (mod R), `slots` of them. */
  readonly start: number;
  readonly slots: number;
}

export type ActivityStatus = 'Active' | 'Completed';

export interface Activity {
  readonly index: number;
  readonly id: string;
  readonly recommendation: Recommendation;
  readonly status: ActivityStatus;
  readonly groups: readonly string[] | null;
  readonly type: 'Update' | 'Upgrade' | 'Uninstall' | 'ConfigurationChange' | 'AttentionRequired';
}

/** The whole tenant, as functions of (seed, size). */
export class Tenant {
  readonly seed: number;
  readonly size: TenantSize;
  readonly recommendations: readonly Recommendation[];
  readonly activities: readonly Activity[];
  readonly groups: readonly Group[] = GROUPS;
  private readonly base: number;
  private readonly rem: number;
  /** exposed[recommendation][group index] = devices exposed (counted once at start). */
  private readonly exposedCounts: number[][];

  constructor(seed: number, size: TenantSize) {
    if (size.devices < 1) throw new Error('the stand-in tenant needs at least one device');
    if (size.recommendations < 1) throw new Error('the stand-in tenant needs at least one recommendation');
    this.seed = seed >>> 0;
    this.size = size;
    this.base = Math.floor(size.exposures / size.devices);
    this.rem = size.exposures % size.devices;
    this.recommendations = Array.from({ length: size.recommendations }, (_, i) => this.makeRecommendation(i));
    this.exposedCounts = this.recommendations.map(() => GROUPS.map(() => 0));
    for (let i = 0; i < size.devices; i++) {
      const d = this.device(i);
      const g = GROUPS.indexOf(d.group);
      for (let s = 0; s < d.slots; s++) {
        const row = this.exposedCounts[(d.start + s) % size.recommendations];
        if (row) row[g] = (row[g] ?? 0) + 1;
      }
    }
    this.activities = Array.from({ length: size.activities }, (_, i) => this.makeActivity(i));
  }

  private makeRecommendation(i: number): Recommendation {
    const seed = this.seed;
    const severity = SEVERITIES[h32(seed, i, 31) % SEVERITIES.length] ?? 'Medium';
    // Every seventh one is a configuration recommendation, as long as the catalogue lasts.
    const configIndex = i % 7 === 6 ? Math.floor(i / 7) : -1;
    const config = configIndex >= 0 ? CONFIGURATION[configIndex] : undefined;
    if (config) {
      const [scid, name, category] = config;
      return {
        index: i,
        id: `sca-_-scid-${scid}`,
        vendor: 'microsoft',
        product: '',
        name,
        component: category === 'Network' ? 'Network' : 'Security controls',
        category,
        remediationType: 'ConfigurationChange',
        recommendedVersion: '',
        configuration: true,
        cves: 0,
        severity,
      };
    }
    const softwareIndex = i - Math.min(CONFIGURATION.length, Math.floor((i + 1) / 7));
    const known = SOFTWARE[softwareIndex];
    const [vendor, product, component, version, remediationType] = known ?? [
      `vendor${softwareIndex}`,
      `product_${softwareIndex}`,
      `Product ${softwareIndex}`,
      `${1 + (h32(seed, i, 5) % 9)}.${h32(seed, i, 6) % 20}`,
      'Update' as const,
    ];
    const verb =
      remediationType === 'Uninstall' ? 'Uninstall' : remediationType === 'Upgrade' ? 'Upgrade' : 'Update';
    return {
      index: i,
      id: `va-_-${vendor}-_-${product}`,
      vendor,
      product,
      name: `${verb} ${component}${version ? ` to version ${version}` : ''}`,
      component,
      category: 'Application',
      remediationType,
      recommendedVersion: version,
      configuration: false,
      cves: 1 + (h32(seed, i, 7) % 40),
      severity,
    };
  }

  device(i: number): Device {
    const seed = this.seed;
    const id = `${hex8(h32(seed, i, 11))}${hex8(h32(seed, i, 12))}${hex8(h32(seed, i, 13))}${hex8(h32(seed, i, 14))}${hex8(h32(seed, i, 15))}`;
    let w = h32(seed, i, 21) % GROUP_WEIGHT;
    let group = GROUPS[0] as Group;
    for (const g of GROUPS) {
      if (w < g.weight) {
        group = g;
        break;
      }
      w -= g.weight;
    }
    const oses = group.servers ? SERVER_OS : WORKSTATION_OS;
    const os = oses[h32(seed, i, 22) % oses.length] ?? 'Windows10';
    const records = this.base + (i < this.rem ? 1 : 0);
    const R = this.size.recommendations;
    let per = 1 + (h32(seed, i, 23) % 3);
    if (Math.ceil(records / per) > R) per = Math.ceil(records / R);
    const slots = records === 0 ? 0 : Math.ceil(records / per);
    return {
      index: i,
      id,
      name: `${group.prefix}-${String(i).padStart(6, '0')}.corp.contoso.com`,
      group,
      os,
      records,
      perRecommendation: per,
      start: h32(seed, i, 24) % R,
      slots,
    };
  }

  /** Where the g-th exposure record of the full export is: its device and its row within it. */
  locate(g: number): { device: number; row: number } {
    const big = this.rem * (this.base + 1);
    if (g < big) return { device: Math.floor(g / (this.base + 1)), row: g % (this.base + 1) };
    if (this.base === 0) throw new Error(`record ${g} is past the end of the export`);
    const rest = g - big;
    return { device: this.rem + Math.floor(rest / this.base), row: rest % this.base };
  }

  exposedTo(d: Device, recommendation: number): boolean {
    const R = this.size.recommendations;
    return d.slots > 0 && (recommendation - d.start + R) % R < d.slots;
  }

  exposedCount(recommendation: number, groups: readonly string[] | null = null): number {
    const row = this.exposedCounts[recommendation] ?? [];
    let n = 0;
    GROUPS.forEach((g, k) => {
      if (groups === null || groups.includes(g.name)) n += row[k] ?? 0;
    });
    return n;
  }

  private makeActivity(a: number): Activity {
    const seed = this.seed;
    const R = this.size.recommendations;
    const recommendation = this.recommendations[(a * 7 + 3) % R] as Recommendation;
    const status: ActivityStatus = h32(seed, a, 41) % 10 < 7 ? 'Active' : 'Completed';
    const pick = h32(seed, a, 42);
    const groups = pick % 3 === 0 ? null : GROUPS.filter((_, k) => (pick >>> (k + 2)) & 1).map((g) => g.name);
    const type: Activity['type'] = a % 9 === 4 ? 'AttentionRequired' : recommendation.remediationType;
    // One id in a hundred is not a GUID, as in real exports.
    const id = a % 100 === 17 ? `not-a-guid-${String(a).padStart(4, '0')}` : guidOf(seed, a, 43);
    return {
      index: a,
      id,
      recommendation,
      status,
      groups: groups && groups.length > 0 ? groups : null,
      type,
    };
  }
}

const stamp = (d: Date): string => d.toISOString().replace('T', ' ').slice(0, 19);
const iso7 = (d: Date): string =>
  `${d.toISOString().slice(0, 19)}.${String(d.getUTCMilliseconds()).padStart(3, '0')}0000Z`;

/** `{"key":value,…}` fragments written by hand: a 2,000,000-row export must not call JSON.stringify per row. */
const q = JSON.stringify;

/** One row of the software-vulnerabilities export, as JSON text (no trailing newline). */
export function exposureRowJson(t: Tenant, d: Device, row: number, seenAt: Date): string {
  const slot = Math.floor(row / d.perRecommendation);
  const k = row % d.perRecommendation;
  const rec = t.recommendations[(d.start + slot) % t.size.recommendations] as Recommendation;
  return vulnerabilityJson(t, d, rec, k, seenAt, rec.recommendedVersion ? '1.0.0' : '10.0.19045.5247');
}

function cveOf(t: Tenant, rec: Recommendation, k: number): string | null {
  if (rec.configuration) return null;
  if (h32(t.seed, rec.index, k, 51) % 50 === 0)
    return `TVM-${String(2024 + (k % 2)).padStart(4, '0')}-${String(rec.index * 10 + k).padStart(8, '0')}`;
  return `CVE-${2020 + (h32(t.seed, rec.index, k, 52) % 6)}-${10000 + ((rec.index * 977 + k * 31) % 89999)}`;
}

function vulnerabilityJson(
  t: Tenant,
  d: Device,
  rec: Recommendation,
  k: number,
  seenAt: Date,
  softwareVersion: string,
  extra = '',
): string {
  const cve = cveOf(t, rec, k);
  const first = new Date(seenAt.getTime() - (1 + (h32(t.seed, d.index, rec.index, 61) % 200)) * 86_400_000);
  const severity = cve === null ? 'null' : q(rec.severity);
  const exploit = h32(t.seed, rec.index, k, 62) % 4 === 0 ? 'ExploitIsPublic' : 'NoExploit';
  const softwareName = rec.configuration ? 'windows_os' : rec.product;
  const softwareVendor = rec.configuration ? 'microsoft' : rec.vendor;
  return (
    `{"id":${q(`${d.id}_${softwareName}_${softwareVersion}_${cve ?? ''}_`)},"deviceId":"${d.id}",` +
    `"rbacGroupName":${q(d.group.name)},"deviceName":"${d.name}","osPlatform":"${d.os}",` +
    `"osVersion":"10.0.19045.5247","osArchitecture":"x64","softwareVendor":${q(softwareVendor)},` +
    `"softwareName":${q(softwareName)},"softwareVersion":"${softwareVersion}","cveId":${cve === null ? 'null' : q(cve)},` +
    `"vulnerabilitySeverityLevel":${severity},"recommendedSecurityUpdate":null,"recommendedSecurityUpdateId":null,` +
    `"recommendedSecurityUpdateUrl":null,"diskPaths":[],"registryPaths":[],` +
    `"lastSeenTimestamp":"${stamp(seenAt)}","firstSeenTimestamp":"${stamp(first)}",` +
    `"exploitabilityLevel":"${exploit}","recommendationReference":${q(rec.id)}${extra}}`
  );
}

/** Row c of the delta export (changes since the last full export), as JSON text. */
export function deltaRowJson(t: Tenant, c: number, since: Date, now: Date): string {
  const D = t.size.devices;
  const R = t.size.recommendations;
  const d = t.device(h32(t.seed, c, 71) % D);
  const span = Math.max(1, now.getTime() - since.getTime());
  const at = new Date(since.getTime() + (h32(t.seed, c, 72) % span));
  const kind = c % 5;
  if (kind === 4 || d.slots === 0) {
    // New: a recommendation the device was not exposed to.
    const rec = t.recommendations[(d.start + d.slots) % R] as Recommendation;
    return vulnerabilityJson(t, d, rec, 0, at, '1.0.0', `,"status":"New","eventTimestamp":"${iso7(at)}"`);
  }
  const rec = t.recommendations[d.start % R] as Recommendation;
  const status = kind === 3 ? 'Updated' : 'Fixed';
  return vulnerabilityJson(t, d, rec, 0, at, '1.0.0', `,"status":"${status}","eventTimestamp":"${iso7(at)}"`);
}

export function recommendationJson(t: Tenant, rec: Recommendation): string {
  const exposed = t.exposedCount(rec.index);
  const total = Math.min(
    t.size.devices,
    exposed + (h32(t.seed, rec.index, 81) % Math.max(1, t.size.devices)),
  );
  const threats = rec.cves > 30 ? [guidOf(t.seed, rec.index, 82)] : [];
  return JSON.stringify({
    id: rec.id,
    productName: rec.product,
    recommendationName: rec.name,
    weaknesses: rec.cves,
    vendor: rec.vendor,
    recommendedVersion: rec.recommendedVersion,
    recommendedVendor: '',
    recommendedProgram: '',
    recommendationCategory: rec.category,
    subCategory: rec.configuration ? rec.component : '',
    severityScore: rec.configuration ? 0 : Math.round((h32(t.seed, rec.index, 83) % 100) / 10),
    publicExploit: h32(t.seed, rec.index, 84) % 3 === 0,
    activeAlert: false,
    associatedThreats: threats,
    remediationType: rec.remediationType,
    status: 'Active',
    configScoreImpact: rec.configuration ? 1.25 : 0,
    exposureImpact: Math.round((exposed / Math.max(1, t.size.devices)) * 1e6) / 1e5,
    totalMachineCount: total,
    exposedMachinesCount: exposed,
    nonProductivityImpactedAssets: 0,
    relatedComponent: rec.component,
    hasUnpatchableCve: false,
    tags: h32(t.seed, rec.index, 85) % 4 === 0 ? ['internetFacing'] : [],
    exposedCriticalDevices: Math.floor(exposed / 10),
  });
}

export function activityJson(t: Tenant, a: Activity, now: Date): string {
  const created = new Date(now.getTime() - (10 + (h32(t.seed, a.index, 91) % 120)) * 86_400_000);
  const target = t.exposedCount(a.recommendation.index, a.groups);
  const completed = a.status === 'Completed';
  const attention = a.type === 'AttentionRequired';
  const fixed =
    completed && !attention ? target : Math.floor((target * (h32(t.seed, a.index, 92) % 60)) / 100);
  const due = attention ? null : new Date(created.getTime() + 30 * 86_400_000);
  const modified = completed ? new Date(created.getTime() + 20 * 86_400_000) : created;
  const manual = completed && (attention || a.index % 2 === 0);
  const rec = a.recommendation;
  const [vendorId, nameId] = rec.configuration ? [null, null] : [rec.vendor, rec.product];
  return JSON.stringify({
    id: a.id,
    title: `${a.type === 'AttentionRequired' ? 'Attention required' : a.type}: ${rec.component}`,
    createdOn: iso7(created),
    requesterId: guidOf(t.seed, 7, 93),
    requesterEmail: a.index % 11 === 5 ? 'Security Team' : `user${a.index % 4}@contoso.com`,
    status: a.status,
    statusLastModifiedOn: iso7(modified),
    description: `${rec.name} to mitigate  known vulnerabilities affecting your devices.`,
    relatedComponent: rec.component,
    targetDevices: target,
    rbacGroupNames: a.groups ?? t.groups.map((g) => g.name),
    fixedDevices: fixed,
    requesterNotes: a.index % 3 === 0 ? null : `Ticket CHG${1000 + a.index}`,
    dueOn: due ? `${due.toISOString().slice(0, 10)}T00:00:00Z` : null,
    category: rec.configuration ? 'SecurityConfiguration' : 'Software',
    productivityImpactRemediationType: rec.configuration ? 'AllExposedAssets' : null,
    priority: (['High', 'Medium', 'Low'] as const)[a.index % 3],
    completionMethod: completed ? (manual ? 'Manual' : 'Automatic') : null,
    completerId: manual ? guidOf(t.seed, 8, 94) : null,
    completerEmail: manual ? 'admin@contoso.com' : null,
    scid: rec.configuration ? rec.id.replace('sca-_-', '') : null,
    type: a.type,
    productId: rec.configuration ? null : `${rec.vendor}-_-${rec.product}`,
    vendorId,
    nameId,
    recommendedVersion: rec.recommendedVersion || null,
    recommendedVendor: null,
    recommendedProgram: null,
  });
}

export function machineJson(t: Tenant, d: Device, now: Date): string {
  const firstSeen = new Date(now.getTime() - (30 + (h32(t.seed, d.index, 101) % 700)) * 86_400_000);
  const lastSeen = new Date(now.getTime() - (h32(t.seed, d.index, 102) % 86_400) * 1000);
  const risk = (['None', 'Low', 'Medium', 'High'] as const)[h32(t.seed, d.index, 103) % 4];
  const exposure = (['Low', 'Medium', 'High'] as const)[h32(t.seed, d.index, 104) % 3];
  const unassigned = d.group.id === 0;
  return JSON.stringify({
    id: d.id,
    computerDnsName: d.name,
    firstSeen: iso7(firstSeen),
    lastSeen: iso7(lastSeen),
    osPlatform: d.os,
    osVersion: null,
    osProcessor: 'x64',
    version: d.os.startsWith('Windows1') ? '22H2' : null,
    lastIpAddress: `10.${(d.index >> 16) & 255}.${(d.index >> 8) & 255}.${d.index & 255}`,
    lastExternalIpAddress: '203.0.113.7',
    osBuild: d.os.startsWith('Windows') ? 19045 : null,
    healthStatus: h32(t.seed, d.index, 105) % 20 === 0 ? 'Inactive' : 'Active',
    rbacGroupId: unassigned ? null : d.group.id,
    rbacGroupName: unassigned ? null : d.group.name,
    riskScore: risk,
    exposureLevel: exposure,
    isAadJoined: !d.group.servers,
    aadDeviceId: d.group.servers ? null : guidOf(t.seed, d.index, 106),
    machineTags: d.index % 10 === 0 ? ['test tag 1'] : [],
  });
}

export function machineReferenceJson(d: Device): string {
  return `{"id":"${d.id}","computerDnsName":"${d.name}","osPlatform":"${d.os}","rbacGroupName":${q(d.group.name)}}`;
}
