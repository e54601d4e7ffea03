/**
 * Renders the site in worker threads (messages.ts says who does what). The thread that reads the
 * whole archive renders the pages that need it; the device lists, most of a large site, need only
 * the device tables, so other threads read just those and start on them at once, and the first
 * thread joins in when its own pages are written. Each thread decodes what it needs itself, but for
 * the device tables, which one devices thread hands to the main thread packed by column
 * (renderer/hand-over.ts): as a structured clone of their objects they took longer to send than to
 * decode. What the metrics read of every snapshot is read by the build itself, in its own thread,
 * and handed to the main thread as figures (site/lib/load-metrics.ts). Each thread runs the
 * compiled renderer's entry (site/renderer/thread.ts).
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { InputError } from '../../core/index.ts';
import type { MetricsHistory } from '../lib/load-metrics.ts';
import { handOverHistory } from '../renderer/hand-over.ts';
import type { FromRenderer, RendererSetup, ToRenderer } from '../renderer/messages.ts';
import type { CompiledSite } from './compile-site.ts';

/** Device-list threads: more would each hold the device tables for little gain. */
const MAX_DEVICE_THREADS = 3;
/** Addresses handed out at a time: a few dozen milliseconds of rendering. */
const BATCH = 12;

export interface RenderOptions {
  /** The archive folder. */
  readonly data: string;
  /** What the metrics read of every snapshot, being read meanwhile (site/lib/load-metrics.ts). */
  readonly history: Promise<MetricsHistory>;
  /** The sub-path the site is served under, as `/a/b/` (or `/`). */
  readonly base: string;
  readonly title: string | undefined;
  /** An empty folder to write the site into. */
  readonly out: string;
  readonly onProgress?: (done: number, total: number | null) => void;
}

/** Renders the whole site into `out`; returns how many files were written. */
export async function renderSite(site: CompiledSite, o: RenderOptions): Promise<number> {
  const deviceThreads = Math.max(1, Math.min(MAX_DEVICE_THREADS, availableParallelism() - 1));
  const env: Record<string, string | undefined> = { ...process.env, REMDESK_TITLE: o.title };
  if (o.title === undefined) delete env.REMDESK_TITLE;
  const tell = (worker: Worker, m: ToRenderer) => worker.postMessage(m);

  let shared: readonly string[] | null = null;
  let next = 0;
  let own: number | null = null;
  let written = 0;
  const waiting: Worker[] = [];
  const total = () => (own === null || shared === null ? null : own + shared.length);
  const handOut = (worker: Worker) => {
    if (shared === null) {
      waiting.push(worker);
      return;
    }
    const paths = shared.slice(next, next + BATCH);
    next += paths.length;
    tell(worker, { type: 'batch', paths });
  };

  const workers: Worker[] = [];
  const run = (setup: RendererSetup, ports: readonly MessagePort[]) =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(pathToFileURL(site.entry), {
        workerData: setup,
        transferList: [...ports],
        env,
        // The thread is compiled JavaScript: the parent's TypeScript loader is not needed.
        execArgv: [],
        // Rendering makes many short-lived strings: a larger young generation collects them in
        // fewer pauses.
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
      });
      workers.push(worker);
      let finished = false;
      worker.on('message', (m: FromRenderer) => {
        switch (m.type) {
          case 'own':
            own = m.files;
            break;
          case 'shared':
            // Every device thread lists the same addresses; the first list is the one shared out.
            if (shared === null) {
              shared = m.paths;
              for (const w of waiting.splice(0)) handOut(w);
            }
            break;
          case 'written':
            written += m.files;
            o.onProgress?.(written, total());
            break;
          case 'take':
            handOut(worker);
            break;
          case 'done':
            finished = true;
            resolve();
            break;
          case 'invalid':
            reject(new InputError(m.issues));
            break;
          case 'failed':
            reject(new Error(m.message));
            break;
        }
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (!finished) reject(new Error(`a rendering thread stopped (exit code ${code})`));
      });
    });
  try {
    const where = { data: o.data, out: o.out, base: o.base };
    const { port1, port2 } = new MessageChannel();
    const history = new MessageChannel();
    const threads = [
      run({ role: 'main', ...where, takeOver: port1, history: history.port2 }, [port1, history.port2]),
      run({ role: 'devices', ...where, handOver: port2 }, [port2]),
      ...Array.from({ length: deviceThreads - 1 }, () =>
        run({ role: 'devices', ...where, handOver: null }, []),
      ),
    ];
    // Handed to the main thread once read; a history that fails to read fails the build.
    const handed = o.history.then((h) => handOverHistory(history.port1, h));
    await Promise.all([...threads, handed]);
    return written;
  } finally {
    // After a failure the other threads would go on rendering into a folder about to be removed.
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
