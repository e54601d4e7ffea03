import { execFile } from 'node:child_process';
import { copyFile, link, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeSnapshot, sortSnapshotsListing } from '../core/index.ts';
import { FIXES_CACHE_DIR } from '../site/build/build-site.ts';
import { CACHE_DIR } from '../site/build/compile-site.ts';
import { sha256 } from '../site/lib/sha256.ts';
import { BUDGETS, filesIn, jsBudgetOf, kb, pageWeights } from '../test/support/weights.ts';
import { type Benchmark, mb, median, seconds, timed } from './measure.ts';
import { type ProcessRun, runRemdesk } from './remdesk-process.ts';

// The scale; REMDESK_BENCH_DEVICES / REMDESK_BENCH_WEEKS try a smaller one first, and
// REMDESK_BENCH_ARCHIVE reuses an archive of WEEKS + 1 weeks made by `remdesk sample` before.
const DEVICES = Number(process.env.REMDESK_BENCH_DEVICES) || 100_000;
const WEEKS = Number(process.env.REMDESK_BENCH_WEEKS) || 52;
// Each figure is measured this many times and its median reported: on a shared machine one run
// can be a third slower than the next. REMDESK_BENCH_ROUNDS=1 is quicker.
const ROUNDS = Number(process.env.REMDESK_BENCH_ROUNDS) || 5;
const REPO = join(import.meta.dirname, '..');

/**
 * A copy of an archive made before: snapshot files hard-linked where the file system allows (the
 * build only reads them, and copying 3.5 GB left the disk writing back through the measurements),
 * history.jsonl copied, as the bench rewrites it.
 */
async function copyArchive(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const e of await readdir(from, { withFileTypes: true })) {
    const [source, target] = [join(from, e.name), join(to, e.name)];
    if (e.isDirectory()) await copyArchive(source, target);
    else if (e.name === 'history.jsonl') await copyFile(source, target);
    else await link(source, target).catch(() => copyFile(source, target));
  }
}

/**
 * Waits for the system to write what is still only in memory to disk (`sync`, where there is
 * one): generating the archive writes 3.5 GB, whose writing back would otherwise go on during the
 * measurements. Returns how long it took.
 */
const settleDisk = (): Promise<number> =>
  timed(() => new Promise<void>((done) => execFile('sync', () => done()))).then((t) => t.ms);

/** The archive's newest snapshot folder, as core orders them. */
const newestSnapshot = async (archive: string): Promise<string> =>
  sortSnapshotsListing(await readdir(join(archive, 'snapshots'))).snapshots.at(-1)?.name ?? '';

/** The baseline: decoding the latest snapshot, plus building an empty Astro page. */
async function baseline(archive: string): Promise<{ parseMs: number; astroMs: number }> {
  const latest = join(archive, 'snapshots', await newestSnapshot(archive));
  const parse = await timed(async () => {
    const map = new Map<string, Uint8Array>();
    for (const name of await readdir(latest))
      map.set(name, new Uint8Array(await readFile(join(latest, name))));
    // Checksums computed as the site computes them.
    return decodeSnapshot(map, latest, { sha256 });
  });
  // Inside the repository, so Astro resolves its own modules from node_modules as the site does;
  // its output inside the project too, or Astro stages the build in <cwd>/.astro, where the site's
  // own builds stage theirs.
  const empty = await mkdtemp(join(REPO, 'node_modules', '.remdesk-bench-empty-'));
  await mkdir(join(empty, 'src', 'pages'), { recursive: true });
  await writeFile(
    join(empty, 'src', 'pages', 'index.astro'),
    '<html lang="en"><body><h1>Empty</h1></body></html>\n',
  );
  // `astro build` in a process of its own, as `remdesk report` is timed in its own process.
  // The command the package declares (it moved from astro.js to bin/astro.mjs in Astro 6).
  const astroPackage = join(REPO, 'node_modules', 'astro');
  const { bin } = JSON.parse(await readFile(join(astroPackage, 'package.json'), 'utf8')) as {
    bin: { astro: string };
  };
  const astroCli = join(astroPackage, bin.astro);
  const args = [astroCli, 'build', '--root', empty, '--outDir', join(empty, 'dist'), '--silent'];
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  try {
    const astro = await timed(
      () =>
        new Promise<void>((done, fail) =>
          execFile(process.execPath, args, { env }, (error) => (error ? fail(error) : done())),
        ),
    );
    return { parseMs: parse.ms, astroMs: astro.ms };
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
}

/**
 * Takes the newest snapshot (and its history line) out of the archive, and gives back a function
 * that puts them back: a genuine next week, with all its changes, to rebuild with.
 */
async function holdBackNewest(archive: string, aside: string): Promise<() => Promise<void>> {
  const newest = await newestSnapshot(archive);
  await rename(join(archive, 'snapshots', newest), aside);
  const history = join(archive, 'history.jsonl');
  const lines = (await readFile(history, 'utf8')).trimEnd().split('\n');
  const kept = lines.filter((l) => !l.includes(`"snapshot":"${newest}"`));
  await writeFile(history, `${kept.join('\n')}\n`);
  return async () => {
    await rename(aside, join(archive, 'snapshots', newest));
    await writeFile(history, `${lines.join('\n')}\n`);
  };
}

/**
 * Page count, the gzip size of the heaviest page's HTML, and the JavaScript of the page nearest its
 * budget (the explorer's island has a budget of its own).
 */
async function pageSizes(site: string, report: (line: string) => void): Promise<void> {
  const rows = await pageWeights(site);
  const none = { page: '-', html: 0, js: 0 };
  const heaviestHtml = rows.reduce((a, b) => (b.html > a.html ? b : a), rows[0] ?? none);
  const share = (r: typeof none) => r.js / jsBudgetOf(r.page);
  const heaviestJs = rows.reduce((a, b) => (share(b) > share(a) ? b : a), rows[0] ?? none);
  report(`pages: ${rows.length} HTML, ${(await filesIn(site)).length} files in all`);
  report(
    `heaviest HTML: ${heaviestHtml.page}, ${kb(heaviestHtml.html)} gzip (goal ≤ ${kb(BUDGETS.pageHtmlGzip)})`,
  );
  report(
    `JS nearest its budget: ${heaviestJs.page} loads ${kb(heaviestJs.js)} gzip (goal ≤ ${kb(jsBudgetOf(heaviestJs.page))})`,
  );
}

/**
 * `remdesk report` on a 100,000-device, 52-week archive: a first build that compiles the pages,
 * the same build with the compiled renderer kept, and a rebuild after the 53rd week's snapshot.
 */
export const siteBench: Benchmark = {
  name: `remdesk report on a sample archive of ${DEVICES.toLocaleString('en')} devices, ${WEEKS} weeks (+1)`,
  async run(report) {
    const dir = await mkdtemp(join(tmpdir(), 'remdesk-bench-site-'));
    try {
      const archive = join(dir, 'archive');
      const site = join(dir, 'site');
      const given = process.env.REMDESK_BENCH_ARCHIVE;
      if (given) {
        await copyArchive(given, archive);
        report(`archive copied from ${given}`);
      } else {
        const args = ['--out', archive, '--devices', String(DEVICES), '--weeks', String(WEEKS + 1)];
        const sample = await runRemdesk(['sample', ...args]);
        if (sample.code !== 0) throw new Error(`remdesk sample failed: ${sample.stderr}`);
        report(`archive of ${WEEKS + 1} weeks generated in ${seconds(sample.ms)}`);
      }
      report(`disk writes settled in ${seconds(await settleDisk())}`);
      // Node's compile cache (bin/remdesk.mjs) in a folder of the bench's own, emptied with the
      // other caches before each first build.
      const compileCache = join(dir, 'node-compile-cache');
      const build = async () => {
        // The summary's PDFs (Chromium, a few seconds whatever the archive) are not the site's build.
        const run = await runRemdesk(['report', '--data', archive, '--out', site, '--no-pdf'], {
          NODE_COMPILE_CACHE: compileCache,
        });
        if (run.code !== 0) throw new Error(`remdesk report failed: ${run.stderr}`);
        return run;
      };
      const ratio = (ms: number, baselineMs: number) => `${(ms / baselineMs).toFixed(2)}×`;
      const peak = (runs: readonly ProcessRun[]) => mb(Math.max(...runs.map((r) => r.peakBytes)));

      // Each first build is measured right after its own baseline, so that a machine busier in
      // one round than in another moves both.
      let restoreNewest = await holdBackNewest(archive, join(dir, 'newest'));
      const baselines: number[] = [];
      const firsts: ProcessRun[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const base = await baseline(archive);
        const baselineMs = base.parseMs + base.astroMs;
        // The first build on a machine compiles the pages and decodes every snapshot's fixes: the
        // renderer's, the fixes' and Node's compile caches are emptied first.
        for (const cache of [CACHE_DIR, FIXES_CACHE_DIR, compileCache]) {
          await rm(cache, { recursive: true, force: true });
        }
        const first = await build();
        baselines.push(baselineMs);
        firsts.push(first);
        report(
          `round ${round}: baseline ${seconds(baselineMs)} (decode latest snapshot ${seconds(base.parseMs)} + empty Astro build ${seconds(base.astroMs)}), first build ${seconds(first.ms)}: ${ratio(first.ms, baselineMs)}`,
        );
      }
      const ratios = firsts.map((f, i) => f.ms / (baselines[i] as number));
      const baselineMs = median(baselines);
      report(`baseline: ${seconds(baselineMs)} (median)`);
      report(
        `first build (compiles the pages): ${seconds(median(firsts.map((f) => f.ms)))}, ${median(ratios).toFixed(2)}× its baseline (median of ${ROUNDS}; goal ≤ 2×), peak memory ${peak(firsts)}`,
      );

      // Then, per round: the same 52 weeks again with the compiled pages kept, and a rebuild once
      // the 53rd week is back.
      const warms: ProcessRun[] = [];
      const agains: ProcessRun[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        if (round > 1) restoreNewest = await holdBackNewest(archive, join(dir, 'newest'));
        warms.push(await build());
        if (round === 1) await pageSizes(site, report);
        await restoreNewest();
        agains.push(await build());
      }
      const warmMs = median(warms.map((w) => w.ms));
      report(
        `same build, pages already compiled: ${seconds(warmMs)} (median; ${warms.map((w) => seconds(w.ms)).join(', ')}), ${ratio(warmMs, baselineMs)} the median baseline, peak memory ${peak(warms)}`,
      );
      const againMs = median(agains.map((a) => a.ms));
      report(
        `rebuild after one more weekly snapshot: ${seconds(againMs)} (median; ${agains.map((a) => seconds(a.ms)).join(', ')}), ${ratio(againMs, baselineMs)} the median baseline (goal ≤ 1.6×), peak memory ${peak(agains)}`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

// `npx tsx bench/site.bench.ts` runs this benchmark alone.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(siteBench.name);
  await siteBench.run((line) => console.log(`  ${line}`));
}
