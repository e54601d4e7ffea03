/**
 * A feature's panel on its page, until the feature's signal aborts: mounted by the shell, drawn
 * again when the stored data changes under it, with the progress of an import above it.
 */
import type { Translate } from '../shared/i18n.ts';
import type { ImportJob } from '../shared/messages.ts';
import type { PageAdapter } from './adapters/placement.ts';
import { key, type OverlayContext } from './overlays/common.ts';
import { type Mounted, mountPanel, type Panel } from './shell.ts';
import { onDataChange, onImportProgress } from './stored-changes.ts';

export function showOverlay(
  ctx: OverlayContext,
  adapter: PageAdapter,
  panel: Panel,
  routeKind: string,
  signal: AbortSignal,
): void {
  const mounted = mountPanel(adapter, panel, ctx.t, routeKind, signal);
  onDataChange(() => void mounted.refresh('data'), signal);
  onImportProgress((job) => showImport(ctx.t, mounted, job), signal);
}

function showImport(t: Translate, mounted: Mounted, job: ImportJob | undefined): void {
  if (!job) return;
  if (job.phase === 'done') {
    mounted.status(null);
    return;
  }
  const phase = t(key('phase', job.phase));
  mounted.status(
    job.phase === 'failed'
      ? `${t('colon', { label: t('importing', { file: job.fileName, phase }) })}${job.message}`
      : t('importing', { file: job.fileName, phase }),
    job.total > 0 ? job.done / job.total : undefined,
  );
}
