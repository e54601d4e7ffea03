import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';
import { gunzipFileLines } from '../cli/inputs/gz-lines.ts';
import { accumulateLines } from '../core/codecs/vendor/export-rows.ts';
import { createVulnerabilityAccumulator } from '../core/codecs/vendor/vulnerabilities.ts';
import { type Benchmark, mb, seconds, timed } from './measure.ts';

const ROWS = 1_000_000;
const DEVICES = 100_000;
const RECOMMENDATIONS = 30;
const FILE = 'export_SoftwareVulnerabilitiesByMachine.json.gz';

/** mulberry32: the same "random" export on every run, so figures compare across runs. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex40 = (n: number, salt: number): string => {
  let s = '';
  let h = (n * 2654435761 + salt) >>> 0;
  for (let i = 0; i < 5; i++) {
    h = (Math.imul(h ^ (h >>> 13), 0x5bd1e995) + i) >>> 0;
    s += h.toString(16).padStart(8, '0');
  }
  return s;
};

/** The vendor's "via files" form: `2020-12-30 14:17:26`, UTC without a zone. */
const stamp = (secondsSinceEpoch: number): string =>
  new Date(secondsSinceEpoch * 1000).toISOString().slice(0, 19).replace('T', ' ');

const SEVERITIES = ['Low', 'Medium', 'High', 'Critical'] as const;
const GROUPS = ['Servers', 'Workstations', 'Finance', 'Lab', 'Kiosks', '', 'Datacenter', 'Remote'];
const PLATFORMS = ['Windows10', 'Windows11', 'WindowsServer2019', 'WindowsServer2022', 'Linux', 'macOS'];
const SOFTWARE = Array.from({ length: RECOMMENDATIONS }, (_, i) => ({
  vendor: `vendor${i % 9}`,
  name: `product_${i}`,
  rec: `va-_-vendor${i % 9}-_-product_${i}`,
}));

/**
 * One JSON record per line, as the export "via files" (once gunzipped): ~100k devices, each with a
 * few of the 30 recommendations and several CVEs each; lastSeen per device (~100k distinct),
 * firstSeen per device × software (hundreds of thousands distinct), as a real export repeats them.
 */
export function* generateExportLines(rows: number): Generator<string, void, undefined> {
  const rnd = random(42);
  let n = 0;
  const base = Date.UTC(2024, 0, 1) / 1000;
  for (let d = 0; n < rows; d = (d + 1) % DEVICES) {
    const deviceId = hex40(d, 7);
    const group = GROUPS[d % GROUPS.length] ?? '';
    const deviceName = `desktop-${d.toString(36)}.corp.contoso.com`;
    const osPlatform = PLATFORMS[d % PLATFORMS.length] ?? '';
    const lastSeen = stamp(base + 150 * 86_400 + Math.floor(rnd() * 3 * 86_400));
    const recs = 1 + Math.floor(rnd() * 5);
    for (let r = 0; r < recs && n < rows; r++) {
      const sw = SOFTWARE[Math.floor(rnd() * RECOMMENDATIONS)] ?? { vendor: '', name: '', rec: '' };
      const version = `${1 + Math.floor(rnd() * 120)}.0.${Math.floor(rnd() * 9999)}`;
      const firstSeen = stamp(base + Math.floor(rnd() * 150 * 86_400));
      const cves = 1 + Math.floor(rnd() * 6);
      for (let c = 0; c < cves && n < rows; c++, n++) {
        const none = rnd() < 0.05;
        const cveId = none ? null : `CVE-20${20 + Math.floor(rnd() * 5)}-${1000 + Math.floor(rnd() * 40000)}`;
        yield JSON.stringify({
          id: `${deviceId}_${sw.name}_${version}_${cveId ?? ''}`,
          deviceId,
          rbacGroupName: group,
          deviceName,
          osPlatform,
          osVersion: '10.0.19045.3803',
          osArchitecture: 'x64',
          softwareVendor: sw.vendor,
          softwareName: sw.name,
          softwareVersion: version,
          cveId,
          vulnerabilitySeverityLevel: none ? null : SEVERITIES[Math.floor(rnd() * 4)],
          recommendedSecurityUpdate: null,
          recommendedSecurityUpdateId: null,
          recommendedSecurityUpdateUrl: null,
          diskPaths: [`C:\\Program Files\\${sw.vendor}\\${sw.name}\\${sw.name}.exe`],
          registryPaths: [],
          lastSeenTimestamp: lastSeen,
          firstSeenTimestamp: firstSeen,
          exploitabilityLevel: rnd() < 0.1 ? 'ExploitIsPublic' : 'NoExploit',
          recommendationReference: rnd() < 0.002 ? null : sw.rec,
        });
      }
    }
  }
}

/** Writes the generated export as the vendor ships it: gzip-compressed, one record per line. */
async function writeExport(path: string, rows: number): Promise<void> {
  const gzip = createGzip();
  const done = gzip.pipe(createWriteStream(path));
  let batch = '';
  for (const line of generateExportLines(rows)) {
    batch += `${line}\n`;
    if (batch.length > 1 << 20) {
      if (!gzip.write(batch)) await once(gzip, 'drain');
      batch = '';
    }
  }
  gzip.end(batch);
  await once(done, 'finish');
}

/**
 * The floor: gunzip the file and JSON.parse every line, nothing else. Both sides stream the lines
 * as `remdesk import` does (cli/inputs/gz-lines.ts), so neither pays for a heap of held lines.
 */
async function bareParse(path: string): Promise<number> {
  let rows = 0;
  for await (const line of gunzipFileLines(path, FILE))
    if (line !== '' && (JSON.parse(line) as { deviceId?: string }).deviceId) rows++;
  return rows;
}

/** What `remdesk import` does with the file: gunzip, parse, add to the accumulator, finish. */
async function codec(path: string): Promise<number> {
  const batch = await accumulateLines(
    createVulnerabilityAccumulator(FILE),
    gunzipFileLines(path, FILE),
    FILE,
  );
  return batch.kind === 'exposures' ? batch.exposures.length : -1;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export const vendorExport: Benchmark = {
  name: `vendor software-vulnerabilities export, ${ROWS.toLocaleString('en')} rows`,
  async run(report) {
    const dir = await mkdtemp(join(tmpdir(), 'remdesk-vendor-export-'));
    const path = join(dir, FILE);
    try {
      await writeExport(path, ROWS);
      report(`generated ${FILE}: ${mb((await stat(path)).size)} compressed`);
      await compare(path, report);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

async function compare(path: string, report: (line: string) => void): Promise<void> {
  // Best of three each, alternating, so neither gets a warmer machine or a fuller heap. CPU time
  // (all threads, GC helpers included) is printed too: wall time means little on a busy machine.
  const bare: number[] = [];
  const bareCpu: number[] = [];
  const full: number[] = [];
  const fullCpu: number[] = [];
  let exposures = 0;
  for (let round = 0; round < 3; round++) {
    globalThis.gc?.();
    let cpu = cpuMs();
    bare.push((await timed(() => bareParse(path))).ms);
    bareCpu.push(cpuMs() - cpu);
    globalThis.gc?.();
    cpu = cpuMs();
    const c = await timed(() => codec(path));
    fullCpu.push(cpuMs() - cpu);
    exposures = c.value;
    full.push(c.ms);
  }
  report(`exposures (device × recommendation): ${exposures.toLocaleString('en')}`);
  for (const [what, b, c] of [
    ['wall', Math.min(...bare), Math.min(...full)],
    ['cpu ', Math.min(...bareCpu), Math.min(...fullCpu)],
  ] as const) {
    report(`${what} baseline gunzip + JSON.parse of every line: ${seconds(b)}`);
    report(`${what} codec gunzip + parse + accumulate + finish: ${seconds(c)}`);
    report(`${what} ratio codec / baseline:                     ${(c / b).toFixed(2)} (goal ≤ 2)`);
    report(
      `${what} decoder overhead:                           ${seconds(c - b)} = ${((1000 * (c - b)) / ROWS).toFixed(2)} µs/row = ${((100 * (c - b)) / b).toFixed(0)}% of the baseline`,
    );
  }
}

/** For the bench/run.ts harness, or alone: `node --expose-gc --import tsx bench/vendor-export.bench.ts`. */
export async function run(): Promise<void> {
  console.log(vendorExport.name);
  await vendorExport.run((line) => console.log(`  ${line}`));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
