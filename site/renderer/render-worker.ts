/**
 * A rendering thread (see messages.ts): reads what its role needs of the archive, renders its
 * pages, then renders batches of device-list addresses until none are left.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import type { App } from 'astro/app';
import { InputError } from '../../core/index.ts';
import { loadDeviceReport, loadReport } from '../lib/report.ts';
import { devicePaths, sitePaths } from '../lib/routes.ts';
import type { Batch, FromRenderer, RendererSetup } from './messages.ts';
import { fileWriter, writePages } from './write-pages.ts';

/** How often written files are counted to the build: often enough to show progress. */
const PROGRESS_MS = 100;

export async function runRenderer(app: App, base: string, setup: RendererSetup, port: MessagePort) {
  const send = (m: FromRenderer) => port.postMessage(m);
  // The host is never seen: pages only write links from the base.
  const render = (path: string) =>
    app.render(new Request(new URL(`${base}${path}`, 'http://remdesk.invalid')));
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
  const batches = (): Promise<readonly string[]> =>
    new Promise((resolve) => {
      port.once('message', (m: Batch) => resolve(m.paths));
      send({ type: 'take' });
    });
  try {
    if (setup.role === 'main') {
      const report = await loadReport();
      const own = sitePaths(report);
      const { folder, files } = report.archive.latest;
      send({ type: 'own', files: own.length + files.length });
      await writePages(own, render, save, written);
      // The latest snapshot's own files, byte for byte, beside the pages.
      await mkdir(join(setup.out, 'snapshot'), { recursive: true });
      for (const name of files) {
        await copyFile(join(folder, name), join(setup.out, 'snapshot', name));
        written();
      }
    } else {
      send({ type: 'shared', paths: devicePaths(await loadDeviceReport()) });
    }
    for (let batch = await batches(); batch.length > 0; batch = await batches()) {
      await writePages(batch, render, save, written);
    }
    send({ type: 'written', files: unsent });
    send({ type: 'done' });
  } catch (e) {
    send(
      e instanceof InputError
        ? { type: 'invalid', issues: e.issues }
        : { type: 'failed', message: String(e instanceof Error ? (e.stack ?? e) : e) },
    );
  } finally {
    port.close();
  }
}
