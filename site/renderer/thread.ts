/**
 * A rendering thread (see messages.ts), and the compiled renderer's entry (adapter.mjs): Astro
 * compiles this module with the pages, so a thread holds one copy of core and the site's code.
 * It reads what its role needs, renders its own pages, then batches of device-list addresses
 * until none are left. What it read reaches every page as Astro's `locals` (lib/page-data.ts).
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { createApp } from 'astro/app/entrypoint';
import { InputError, SETTINGS_FILE, TEAM_STATE_FILE, teamStateText } from '../../core/index.ts';
import { buildDeviceReport, DEVICE_TABLES } from '../lib/device-report.ts';
import { readLatestTables } from '../lib/load-archive.ts';
import type { PageData } from '../lib/page-data.ts';
import { readReport } from '../lib/report.ts';
import type { Addresses } from '../lib/routes.ts';
import { handOver, takeOver, takeOverHistory } from './hand-over.ts';
import type { FromRenderer, RendererSetup, ToRenderer } from './messages.ts';
import { fileWriter, writePages } from './write-pages.ts';

/** How often written files are counted to the build: often enough to show progress. */
const PROGRESS_MS = 100;

/** Asks the build for the next batch of device-list addresses; a batch only answers a "take". */
function batches(port: MessagePort): () => Promise<ToRenderer['paths']> {
  const answers: ((paths: ToRenderer['paths']) => void)[] = [];
  port.on('message', (m: ToRenderer) => answers.shift()?.(m.paths));
  return () =>
    new Promise((resolve) => {
      answers.push(resolve);
      port.postMessage({ type: 'take' } satisfies FromRenderer);
    });
}

/** Every folder's address list, beside its pages (site/lib/routes.ts). */
const ADDRESSES = Object.values(
  import.meta.glob<Addresses>('../pages/**/_addresses.ts', { eager: true, import: 'addresses' }),
);

/** What the thread's role reads of the archive (and hands over, for one devices thread). */
async function read(setup: RendererSetup): Promise<PageData> {
  if (setup.role === 'main') {
    const report = await readReport(setup.data, takeOver(setup.takeOver), takeOverHistory(setup.history));
    return { kind: 'report', report };
  }
  const latest = await readLatestTables(setup.data, DEVICE_TABLES);
  if (setup.handOver) handOver(setup.handOver, latest);
  return { kind: 'devices', devices: buildDeviceReport(latest.state, latest.at) };
}

async function run(setup: RendererSetup, port: MessagePort): Promise<void> {
  const send = (m: FromRenderer) => port.postMessage(m);
  const batch = batches(port);
  const data = await read(setup);
  const report = data.kind === 'report' ? data.report : null;
  const own = report ? ADDRESSES.flatMap((a) => (a.from === 'report' ? a.list(report) : [])) : [];
  if (report) send({ type: 'own', files: own.length + report.archive.latest.files.length });
  if (data.kind === 'devices') {
    const { devices } = data;
    send({ type: 'shared', paths: ADDRESSES.flatMap((a) => (a.from === 'devices' ? a.list(devices) : [])) });
  }

  // Not streamed: a page is written whole, so it is rendered whole.
  const app = createApp({ streaming: false });
  // The host is never seen: pages only write links from the base.
  const render = (path: string) =>
    app.render(new Request(new URL(`${setup.base}${path}`, 'http://remdesk.invalid')), {
      locals: { remdesk: data },
    });
  const save = fileWriter(setup.out);
  let unsent = 0;
  let sentAt = 0;
  const written = () => {
    unsent++;
    const now = performance.now();
    if (now - sentAt >= PROGRESS_MS) {
      send({ type: 'written', files: unsent });
      unsent = 0;
      sentAt = now;
    }
  };

  if (report) {
    await writePages(own, render, save, written);
    // The latest snapshot's own files, byte for byte, beside the pages, and team.json: the
    // extension loads the team state from here (R-MERGE-1).
    const { folder, files } = report.archive.latest;
    await mkdir(join(setup.out, 'snapshot'), { recursive: true });
    for (const name of files) {
      await copyFile(join(folder, name), join(setup.out, 'snapshot', name));
      written();
    }
    await writeFile(join(setup.out, 'snapshot', TEAM_STATE_FILE), teamStateText(report.archive.team));
    written();
    // The archive's SLA policy travels with it byte for byte; an archive without one has no SLA,
    // and the extension reads the missing file so.
    await copyFile(join(setup.data, SETTINGS_FILE), join(setup.out, 'snapshot', SETTINGS_FILE)).then(
      written,
      (e: unknown) => {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      },
    );
  }
  for (let paths = await batch(); paths.length > 0; paths = await batch()) {
    await writePages(paths, render, save, written);
  }
  send({ type: 'written', files: unsent });
  send({ type: 'done' });
}

if (parentPort) {
  const port = parentPort;
  run(workerData as RendererSetup, port)
    .catch((e: unknown) =>
      port.postMessage(
        (e instanceof InputError
          ? { type: 'invalid', issues: e.issues }
          : {
              type: 'failed',
              message: String(e instanceof Error ? (e.stack ?? e) : e),
            }) satisfies FromRenderer,
      ),
    )
    .finally(() => port.close());
}
