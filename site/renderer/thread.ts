/**
 * A rendering thread (see messages.ts), bundled apart from the pages (site/build/compile-site.ts)
 * so that it can start reading the archive while the pages compile. It reads what its role needs,
 * waits for the compiled pages, renders its own pages, then batches of device-list addresses
 * until none are left. What it read reaches every page as Astro's `locals` (lib/page-data.ts).
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { App } from 'astro/app';
import { InputError, TEAM_STATE_FILE, teamStateText } from '../../core/index.ts';
import { buildDeviceReport, DEVICE_TABLES } from '../lib/device-report.ts';
import { readLatestTables } from '../lib/load-archive.ts';
import type { PageData } from '../lib/page-data.ts';
import { readReport } from '../lib/report.ts';
import { devicePaths, sitePaths } from '../lib/routes.ts';
import { handOver, takeOver } from './hand-over.ts';
import type { Batch, FromRenderer, RendererSetup, ToRenderer } from './messages.ts';
import { fileWriter, writePages } from './write-pages.ts';

/** How often written files are counted to the build: often enough to show progress. */
const PROGRESS_MS = 100;

/**
 * The build's messages, each awaited as the kind the thread expects next: the pages come before
 * any batch, and a batch only answers a "take".
 */
function inbox(port: MessagePort) {
  const queue: ToRenderer[] = [];
  let arrived: (() => void) | null = null;
  port.on('message', (m: ToRenderer) => {
    queue.push(m);
    arrived?.();
  });
  return async <T extends ToRenderer['type']>(type: T): Promise<Extract<ToRenderer, { type: T }>> => {
    while (queue.length === 0) {
      await new Promise<void>((resolve) => {
        arrived = resolve;
      });
    }
    const m = queue.shift() as ToRenderer;
    if (m.type !== type) throw new Error(`a rendering thread was sent "${m.type}" instead of "${type}"`);
    return m as Extract<ToRenderer, { type: T }>;
  };
}

/** What the thread's role reads of the archive (and hands over, for one devices thread). */
async function read(setup: RendererSetup): Promise<PageData> {
  if (setup.role === 'main') {
    const report = await readReport(setup.data, takeOver(setup.takeOver));
    return { devices: report, report };
  }
  const latest = await readLatestTables(setup.data, DEVICE_TABLES);
  if (setup.handOver) handOver(setup.handOver, latest);
  return { devices: buildDeviceReport(latest.state, latest.at), report: null };
}

async function run(setup: RendererSetup, port: MessagePort): Promise<void> {
  const send = (m: FromRenderer) => port.postMessage(m);
  const next = inbox(port);
  const data = await read(setup);
  const { report } = data;
  const own = report ? sitePaths(report) : [];
  if (report) send({ type: 'own', files: own.length + report.archive.latest.files.length });
  else send({ type: 'shared', paths: devicePaths(data.devices) });

  const { app } = (await import(pathToFileURL((await next('pages')).entry).href)) as { app: App };
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
  const batch = async (): Promise<Batch['paths']> => {
    send({ type: 'take' });
    return (await next('batch')).paths;
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
