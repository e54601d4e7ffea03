/**
 * The popup: the counts, the team state (team-panel.ts), file imports with progress (the work
 * happens in the worker; the popup may close at any time and the import goes on), and the snapshot
 * export as a download.
 */
import browser from 'webextension-polyfill';
import { ask, send } from '../shared/client.ts';
import { h, render, saveBlob } from '../shared/dom.ts';
import type { MessageKey } from '../shared/i18n.ts';
import { DATA_VERSION_KEY, IMPORT_JOB_KEY, type ImportJob } from '../shared/messages.ts';
import { dropStaged, readStaged, stageFile } from '../shared/staging.ts';
import { pageContext } from './page-context.ts';
import { teamPanel } from './team-panel.ts';

const { t, settings } = await pageContext();
const team = teamPanel(t, settings.reportAddress);
const app = document.getElementById('app') as HTMLElement;
const countsBox = h('dl', { class: 'counts' });
const progress = h('div', { class: 'import-progress', role: 'status', 'aria-live': 'polite' });
const out = h('div', { 'aria-live': 'polite' });

async function showCounts(): Promise<void> {
  const c = await ask({ type: 'counts.get' });
  const rows: [MessageKey, number][] = [
    ['activity.Active', c.active],
    ['overdue', c.overdue],
    ['activity.Completed', c.completed],
    ['activeExceptions', c.exceptionsInEffect],
  ];
  render(
    countsBox,
    rows.map(([k, n]) => [h('dt', null, t(k)), h('dd', { 'data-count': k }, n)]),
  );
}

function showJob(job: ImportJob | undefined): void {
  if (!job) {
    render(progress);
    return;
  }
  const phase = t(`phase.${job.phase}` as MessageKey);
  render(
    progress,
    h('div', { 'data-phase': job.phase }, t('importing', { file: job.fileName, phase })),
    job.phase === 'failed' ? h('div', { class: 'error' }, job.message) : null,
    job.phase === 'done' && job.message !== ''
      ? h('div', { class: 'muted', 'data-notes': '' }, job.message)
      : null,
    job.phase === 'done' || job.phase === 'failed'
      ? null
      : h('progress', job.total > 0 ? { max: job.total, value: job.done } : null),
  );
}

/**
 * Files chosen together are one import: the pages or parts of an exposure export make one
 * picture, which fixes devices only when it is whole (or, when the user says it is part of an
 * export, fixes nothing).
 */
async function importFiles(files: readonly File[]): Promise<void> {
  if (files.length === 0) return;
  const staged = [];
  for (const file of files) staged.push({ stagingId: await stageFile(file.name, file), fileName: file.name });
  const reply = await send({ type: 'import.staged', files: staged, partial: partial.checked });
  if (!reply.ok) {
    render(out, h('p', { class: 'error' }, t('error', { m: reply.error })));
    return;
  }
  await finished(reply.value.jobId);
  input.value = '';
}

function finished(jobId: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = (changes: Record<string, browser.Storage.StorageChange>): void => {
      const job = changes[IMPORT_JOB_KEY]?.newValue as ImportJob | undefined;
      if (job?.jobId === jobId && (job.phase === 'done' || job.phase === 'failed')) {
        browser.storage.onChanged.removeListener(listener);
        resolve();
      }
    };
    browser.storage.onChanged.addListener(listener);
  });
}

async function exportSnapshot(): Promise<void> {
  const reply = await send({ type: 'snapshot.export' });
  if (!reply.ok) return render(out, h('p', { class: 'error' }, t('error', { m: reply.error })));
  const staged = await readStaged(reply.value.stagingId);
  if (staged) saveBlob(reply.value.fileName, staged.blob);
  await dropStaged(reply.value.stagingId);
}

const partial = h('input', { id: 'partial', type: 'checkbox' });
const input = h('input', {
  id: 'files',
  type: 'file',
  multiple: true,
  accept: '.json,.jsonl,.gz,.zip,application/json,application/gzip,application/zip',
  onChange: () => void importFiles([...(input.files ?? [])]),
});

render(
  app,
  h('h1', null, 'Remediation Desk'),
  countsBox,
  team.element,
  h('label', { for: 'files' }, t('importFiles')),
  input,
  h('div', { class: 'muted' }, t('importHint')),
  h('label', { class: 'row' }, partial, t('importPartial')),
  progress,
  h(
    'div',
    { class: 'row' },
    h('button', { type: 'button', id: 'export', onClick: () => void exportSnapshot() }, t('exportSnapshot')),
    h('button', { type: 'button', onClick: () => void browser.runtime.openOptionsPage() }, t('openOptions')),
  ),
  out,
);

browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (changes[IMPORT_JOB_KEY]) showJob(changes[IMPORT_JOB_KEY].newValue as ImportJob | undefined);
  if (changes[DATA_VERSION_KEY]) {
    void showCounts();
    void team.refresh();
  }
});
showJob((await browser.storage.local.get(IMPORT_JOB_KEY))[IMPORT_JOB_KEY] as ImportJob | undefined);
await Promise.all([showCounts(), team.refresh()]);
