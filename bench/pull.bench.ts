import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { DefenderClient, resolveConnection } from '../cli/pull/index.ts';
import { type StandIn, startStandIn } from '../test/defender-stand-in/index.ts';
import { type Benchmark, mb, seconds, timed } from './measure.ts';
import { runRemdesk } from './remdesk-process.ts';

const DEVICES = 100_000;
const EXPOSURES = 2_000_000;
const PARTS = 8;
/** The largest page the vendor allows: the fewest calls against its 30-a-minute limit. */
const PAGE_SIZE = 200_000;

/** JSON.parse of every line of a stream of text, nothing kept. */
async function parseLines(stream: AsyncIterable<Buffer>): Promise<number> {
  const decoder = new TextDecoder();
  let rest = '';
  let rows = 0;
  for await (const chunk of stream) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line !== '') JSON.parse(line) && rows++;
  }
  if (rest !== '') JSON.parse(rest) && rows++;
  return rows;
}

/** A GET over HTTPS, trusting the stand-in's certificate: the body as a stream. */
function get(url: string, ca: string, headers: Record<string, string> = {}): Promise<AsyncIterable<Buffer>> {
  return new Promise((done, fail) => {
    request(url, { ca, headers }, (res) => {
      if (res.statusCode !== 200) fail(new Error(`${url}: HTTP ${res.statusCode}`));
      else done(res);
    })
      .on('error', fail)
      .end();
  });
}

/** The floor of the export via files: download every part (4 at a time), gunzip, JSON.parse every line. */
async function bareParts(urls: readonly string[], ca: string): Promise<number> {
  let rows = 0;
  const queue = [...urls];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
        const body = await get(url, ca);
        // Counted after the await: `rows += await …` would add to the count read before it.
        const n = await parseLines(
          (body as NodeJS.ReadableStream).pipe(createGunzip()) as AsyncIterable<Buffer>,
        );
        rows += n;
      }
    }),
  );
  return rows;
}

/** The floor of the paged JSON export: download every page in turn and JSON.parse it. */
async function barePages(client: DefenderClient, first: string): Promise<number> {
  let rows = 0;
  for (let url: string | null = first; url !== null; ) {
    const page = JSON.parse(await client.getText(url, 'exportJson')) as {
      value: unknown[];
      '@odata.nextLink'?: string;
    };
    rows += page.value.length;
    url = page['@odata.nextLink'] ? client.follow(page['@odata.nextLink']) : null;
  }
  return rows;
}

async function pullInto(standIn: StandIn, exposures: 'files' | 'pages', report: (line: string) => void) {
  const dir = await mkdtemp(join(tmpdir(), 'remdesk-bench-pull-'));
  try {
    const r = await runRemdesk(
      ['pull', '--data', join(dir, 'archive'), '--exposures', exposures, '--page-size', String(PAGE_SIZE)],
      standIn.env('secret'),
    );
    if (r.code !== 0) throw new Error(`remdesk pull failed (${r.code}): ${r.stderr.slice(-2000)}`);
    report(`  ${r.stdout.trim()}`);
    return r;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `remdesk pull` of a 100,000-device tenant with 2,000,000 exposure records from the stand-in, the
 * whole command (sign-in, recommendations, activities, devices, the exposures, the snapshot
 * written), against downloading and parsing the same exposure data bare, in the same run.
 */
export const pullBench: Benchmark = {
  name: `remdesk pull: ${DEVICES.toLocaleString('en')} devices, ${EXPOSURES.toLocaleString('en')} exposure records from the stand-in`,
  async run(report) {
    const standIn = await startStandIn({
      seed: 7,
      size: { devices: DEVICES, exposures: EXPOSURES },
      parts: PARTS,
    });
    const client = new DefenderClient({
      connection: resolveConnection({}, standIn.env('secret')),
      ca: standIn.ca,
      limits: { exportJson: [], exportFiles: [] },
    });
    try {
      await standIn.prepareExport();
      const listing = JSON.parse(
        await client.getText(client.apiUrl('/api/machines/SoftwareVulnerabilitiesExport'), 'exportFiles'),
      ) as { exportFiles: string[] };
      report(`via files (${PARTS} parts):`);
      const floor = await timed(() => bareParts(listing.exportFiles, standIn.ca));
      report(
        `  download + gunzip + JSON.parse of every line (floor): ${seconds(floor.ms)}, ${floor.value.toLocaleString('en')} records`,
      );
      const files = await pullInto(standIn, 'files', report);
      report(`  remdesk pull --exposures files (whole command): ${seconds(files.ms)}`);
      report(
        `  ratio to the floor: ${(files.ms / floor.ms).toFixed(2)}× (goal ≤ 1.5×); peak memory ${mb(files.peakBytes)} (goal ≤ 1024 MB)`,
      );

      report(`paged JSON export (${PAGE_SIZE.toLocaleString('en')} records a page):`);
      const first = client.apiUrl(`/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=${PAGE_SIZE}`);
      const pagesFloor = await timed(() => barePages(client, first));
      report(
        `  download + JSON.parse of every page (floor): ${seconds(pagesFloor.ms)}, ${pagesFloor.value.toLocaleString('en')} records`,
      );
      const pages = await pullInto(standIn, 'pages', report);
      report(`  remdesk pull --exposures pages (whole command): ${seconds(pages.ms)}`);
      report(
        `  ratio to the floor: ${(pages.ms / pagesFloor.ms).toFixed(2)}× (goal ≤ 1.5×); peak memory ${mb(pages.peakBytes)} (goal ≤ 1024 MB)`,
      );
    } finally {
      client.close();
      await standIn.close();
    }
  },
};
