import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { addDaysToInstant, decodeSnapshot, type Instant } from '../core/index.ts';
import { type Benchmark, mb, seconds, timed } from './measure.ts';
import { runRemdesk } from './remdesk-process.ts';

// The scale; REMDESK_BENCH_DEVICES / REMDESK_BENCH_WEEKS try a smaller one first.
const DEVICES = Number(process.env.REMDESK_BENCH_DEVICES) || 100_000;
const WEEKS = Number(process.env.REMDESK_BENCH_WEEKS) || 52;
const REPO = join(import.meta.dirname, '..');
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(join(e.parentPath, e.name));
  }
  return out;
}

/** The baseline: decoding the latest snapshot, plus building an empty Astro page. */
async function baseline(archive: string): Promise<{ parseMs: number; astroMs: number }> {
  const snapshots = (await readdir(join(archive, 'snapshots'))).sort();
  const latest = join(archive, 'snapshots', snapshots.at(-1) ?? '');
  const parse = await timed(async () => {
    const map = new Map<string, Uint8Array>();
    for (const name of await readdir(latest))
      map.set(name, new Uint8Array(await readFile(join(latest, name))));
    return decodeSnapshot(map, latest);
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
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const { build } = await import('astro');
  try {
    const astro = await timed(() => build({ root: empty, outDir: join(empty, 'dist'), logLevel: 'error' }));
    return { parseMs: parse.ms, astroMs: astro.ms };
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
}

/** One more weekly snapshot: the latest one again, a week later (manifest time moved, CSVs unchanged). */
async function addSnapshot(archive: string): Promise<void> {
  const snapshots = (await readdir(join(archive, 'snapshots'))).sort();
  const last = snapshots.at(-1) ?? '';
  const from = join(archive, 'snapshots', last);
  const manifest = JSON.parse(await readFile(join(from, 'manifest.json'), 'utf8')) as {
    generatedAt: Instant;
  };
  const at = addDaysToInstant(manifest.generatedAt, 7);
  const name = at.replaceAll(':', '').replace('.000Z', 'Z');
  await cp(from, join(archive, 'snapshots', name), { recursive: true });
  await writeFile(
    join(archive, 'snapshots', name, 'manifest.json'),
    `${JSON.stringify({ ...manifest, generatedAt: at }, null, 2)}\n`,
  );
  const lines = (await readFile(join(archive, 'history.jsonl'), 'utf8')).trim().split('\n');
  const lastLine = JSON.parse(lines.at(-1) ?? '{}') as { figures: { at: Instant } };
  await appendFile(
    join(archive, 'history.jsonl'),
    `${JSON.stringify({ at, snapshot: name, figures: { ...lastLine.figures, at } })}\n`,
  );
}

/** Page count, and the gzip size of the heaviest page's HTML and of the JavaScript it loads. */
async function pageSizes(site: string, report: (line: string) => void): Promise<void> {
  const all = await files(site);
  const gz = new Map<string, number>();
  for (const f of all.filter((f) => f.endsWith('.js')))
    gz.set(`/${relative(site, f)}`, gzipSync(await readFile(f)).length);
  const rows: { page: string; html: number; js: number }[] = [];
  for (const f of all.filter((f) => f.endsWith('.html'))) {
    const text = await readFile(f, 'utf8');
    let js = 0;
    for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      const src = /\bsrc="([^"]+)"/.exec(m[1] ?? '')?.[1];
      js += src ? (gz.get(src) ?? 0) : gzipSync(m[2] ?? '').length;
    }
    rows.push({ page: relative(site, f), html: gzipSync(text).length, js });
  }
  const none = { page: '-', html: 0, js: 0 };
  const heaviestHtml = rows.reduce((a, b) => (b.html > a.html ? b : a), rows[0] ?? none);
  const heaviestJs = rows.reduce((a, b) => (b.js > a.js ? b : a), rows[0] ?? none);
  report(`pages: ${rows.length} HTML, ${all.length} files in all`);
  report(`heaviest HTML: ${heaviestHtml.page}, ${kb(heaviestHtml.html)} gzip (goal ≤ 14 kB)`);
  report(`heaviest JS: ${heaviestJs.page} loads ${kb(heaviestJs.js)} gzip (goal ≤ 60 kB)`);
}

/** `remdesk report` on a 100,000-device, 52-week archive; then again after one more snapshot. */
export const siteBench: Benchmark = {
  name: `remdesk report on a sample archive of ${DEVICES.toLocaleString('en')} devices, ${WEEKS} weeks`,
  async run(report) {
    const dir = await mkdtemp(join(tmpdir(), 'remdesk-bench-site-'));
    try {
      const archive = join(dir, 'archive');
      const site = join(dir, 'site');
      const sample = await runRemdesk([
        'sample',
        '--out',
        archive,
        '--devices',
        String(DEVICES),
        '--weeks',
        String(WEEKS),
      ]);
      if (sample.code !== 0) throw new Error(`remdesk sample failed: ${sample.stderr}`);
      report(`archive generated in ${seconds(sample.ms)}`);
      const base = await baseline(archive);
      report(
        `baseline: decode latest snapshot ${seconds(base.parseMs)} + empty Astro build ${seconds(base.astroMs)}`,
      );
      const baselineMs = base.parseMs + base.astroMs;
      report(`baseline: ${seconds(baselineMs)}`);
      const first = await runRemdesk(['report', '--data', archive, '--out', site]);
      if (first.code !== 0) throw new Error(`remdesk report failed: ${first.stderr}`);
      report(
        `full build: ${seconds(first.ms)}, ${(first.ms / baselineMs).toFixed(2)}× the baseline (goal ≤ 2×), peak memory ${mb(first.peakBytes)}`,
      );
      await pageSizes(site, report);
      await addSnapshot(archive);
      const again = await runRemdesk(['report', '--data', archive, '--out', site]);
      if (again.code !== 0) throw new Error(`remdesk report failed: ${again.stderr}`);
      report(`rebuild after one more snapshot: ${seconds(again.ms)} (goal ≤ 10 s)`);
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
