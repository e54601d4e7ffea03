/**
 * What the build (site/build/render-site.ts) and its rendering threads (thread.ts) say to each
 * other. One thread, "main", reads the whole archive and renders every page but the device lists;
 * the "devices" threads read only the device tables and render the device lists, which the build
 * hands out in batches to whichever thread asks, the main one too once its own pages are written.
 * Each thread is the compiled renderer's entry (thread.ts), started once the pages are compiled.
 */
import type { MessagePort } from 'node:worker_threads';
import type { InputIssue } from '../../core/index.ts';

export type Role = 'main' | 'devices';

interface SetupOf<R extends Role> {
  readonly role: R;
  /** The archive folder. */
  readonly data: string;
  /** The folder the site is written to. */
  readonly out: string;
  /** The sub-path the site is served under, as `/a/b/` (or `/`). */
  readonly base: string;
}

/**
 * A rendering thread's workerData. One devices thread hands the device tables it decodes to the
 * main thread over a port of their own (hand-over.ts), so the main thread decodes only the rest;
 * the build hands it what the metrics read of every snapshot over another.
 */
export type RendererSetup =
  | (SetupOf<'main'> & { readonly takeOver: MessagePort; readonly history: MessagePort })
  | (SetupOf<'devices'> & { readonly handOver: MessagePort | null });

/** From a rendering thread. */
export type FromRenderer =
  /** main: how many files it writes itself (its pages and the snapshot's files). */
  | { readonly type: 'own'; readonly files: number }
  /** devices: the device-list addresses, to be shared out. */
  | { readonly type: 'shared'; readonly paths: readonly string[] }
  /** More files written since the last message. */
  | { readonly type: 'written'; readonly files: number }
  /** Ready for a batch of device-list addresses. */
  | { readonly type: 'take' }
  | { readonly type: 'done' }
  /** The archive is invalid: core's own words. */
  | { readonly type: 'invalid'; readonly issues: readonly InputIssue[] }
  | { readonly type: 'failed'; readonly message: string };

/** To a rendering thread: addresses to render; none left when empty. */
export interface ToRenderer {
  readonly type: 'batch';
  readonly paths: readonly string[];
}
