/**
 * The summary pages as PDF: Chromium's own print of each built page (headless, `--print-to-pdf`),
 * so the PDF is the page a manager prints, fonts and all. The pages are served from the built site
 * on 127.0.0.1 for the print: its links are absolute under --base, which file:// would not resolve.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LANGS } from '../../site/i18n/index.ts';
import { digestFiles } from '../../site/lib/report-digest.ts';
import { serveSite } from '../commands/serve.ts';

/** Where Debian and Ubuntu install Chromium (`apt-get install chromium`). */
const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** A print that takes longer is stuck (a page that never finishes loading): it is ended. */
const PRINT_TIMEOUT_MS = 60_000;

export type ChromiumFound = { readonly path: string } | { readonly missing: string };

const executable = (path: string) =>
  access(path, constants.X_OK).then(
    async () => (await stat(path)).isFile(),
    () => false,
  );

/** Chromium from REMDESK_CHROMIUM, else at /usr/bin/chromium; why not, when there is none. */
export async function findChromium(env: string | undefined): Promise<ChromiumFound> {
  if (env !== undefined && env !== '') {
    return (await executable(env))
      ? { path: env }
      : { missing: `REMDESK_CHROMIUM (${env}) is not an executable file` };
  }
  return (await executable(DEFAULT_CHROMIUM))
    ? { path: DEFAULT_CHROMIUM }
    : { missing: `no Chromium at ${DEFAULT_CHROMIUM} (install it, or set REMDESK_CHROMIUM to one)` };
}

/** Runs Chromium to its end; rejects with the last line it said when it fails or hangs. */
function runChromium(chromium: string, args: readonly string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    child.stderr.on('data', (c) => {
      said = `${said}${c}`.slice(-2000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), PRINT_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return done();
      const last = said.trim().split('\n').at(-1) ?? '';
      fail(new Error(`Chromium ${signal ? `was ended (${signal})` : `exited with code ${code}`}: ${last}`));
    });
  });
}

/**
 * Prints `/{lang}/summary/` of the site in `out` (built for `base`) to `{lang}/summary/summary.{lang}.pdf`
 * beside it, each language in turn; returns the files written, relative to `out`. A PDF lands whole
 * or not at all: Chromium writes beside it and the file is renamed into place.
 */
export async function printSummaries(chromium: string, out: string, base: string): Promise<string[]> {
  const server = await serveSite(out, { base });
  const profile = await mkdtemp(join(tmpdir(), 'remdesk-chromium-'));
  const written: string[] = [];
  try {
    for (const lang of LANGS) {
      const file = join(lang, 'summary', digestFiles(lang).pdf);
      const partial = join(out, `${file}.partial`);
      try {
        await runChromium(chromium, [
          '--headless',
          // Chromium refuses to run as root with its sandbox (containers, CI); the page printed is
          // the report's own, served from 127.0.0.1.
          ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          `--user-data-dir=${profile}`,
          '--no-pdf-header-footer',
          `--print-to-pdf=${partial}`,
          `${server.url}${lang}/summary/`,
        ]);
        // Chromium may exit 0 without having printed (a page that failed to load).
        if (!(await stat(partial).catch(() => null))?.isFile())
          throw new Error('Chromium ended without writing the PDF');
        await rename(partial, join(out, file));
        written.push(file);
      } finally {
        await rm(partial, { force: true });
      }
    }
    return written;
  } finally {
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}
