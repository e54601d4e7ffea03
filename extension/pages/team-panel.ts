/**
 * The popup's team section (R-MERGE-1): which team state the data started from (its date and
 * source), the admin's changes not yet in it, exporting them as a change bundle, and loading a
 * newer team state, from a `remdesk export` file or from the team's published report. Loading asks
 * first, saying that the pending changes are kept on top.
 */
import browser from 'webextension-polyfill';
import { confirmAction } from '../content/overlays/confirm.ts';
import { ask, send } from '../shared/client.ts';
import { h, render, saveBlob } from '../shared/dom.ts';
import type { Translate } from '../shared/i18n.ts';
import type { Reply, TeamStatus } from '../shared/messages.ts';
import { dropStaged, readStaged, stageFile } from '../shared/staging.ts';

export function teamPanel(
  t: Translate,
  reportAddress: string | null,
): { element: HTMLElement; refresh(): Promise<void> } {
  const status = h('div', { class: 'team-status', 'data-team': '' });
  const out = h('div', { 'aria-live': 'polite', 'data-team-out': '' });
  const fail = (m: string) => render(out, h('p', { class: 'error' }, t('error', { m })));
  let current: TeamStatus | null = null;

  async function refresh(): Promise<void> {
    current = await ask({ type: 'team.status' });
    const team = current.team;
    render(
      status,
      team === null
        ? h('p', null, t('team.none'))
        : h(
            'p',
            null,
            t('team.loaded', {
              snapshot: team.snapshotAt.slice(0, 16).replace('T', ' '),
              origin: team.origin,
              loaded: team.loadedAt.slice(0, 16).replace('T', ' '),
            }),
          ),
      h('p', { 'data-pending': current.pending }, t('team.pending', { n: current.pending })),
      current.unsendable > 0
        ? h('p', { class: 'warn' }, t('team.unsendable', { n: current.unsendable }))
        : null,
    );
  }

  /** Asks before the data is replaced: what is kept, what is not. */
  async function sure(from: Element): Promise<boolean> {
    if (current === null) await refresh();
    return confirmAction(from, {
      title: t('team.confirmTitle'),
      message: t('team.confirmMessage', { n: current?.pending ?? 0 }),
      confirm: t('team.confirmLoad'),
      back: t('cancel'),
    });
  }

  /**
   * Loads with `request`; when the admin's unsent changes were made on another archive, says so
   * and loads without them only if they say so (having exported them).
   */
  async function load(
    from: Element,
    request: (leaveOut: boolean) => Promise<Reply<'team.load'>>,
  ): Promise<void> {
    let r = await request(false);
    if (!r.ok && r.fields?.some((f) => f.field === 'pending')) {
      const leaveOut = await confirmAction(from, {
        title: t('team.elsewhereTitle'),
        message: r.error,
        confirm: t('team.elsewhereLoad'),
        back: t('cancel'),
      });
      if (!leaveOut) return;
      r = await request(true);
    }
    if (!r.ok) return fail(r.error);
    render(
      out,
      h(
        'p',
        { 'data-team-loaded': r.value.snapshot },
        t('team.done', { snapshot: r.value.snapshot, n: r.value.kept }),
      ),
      r.value.unsendable > 0
        ? h('p', { class: 'warn' }, t('team.unsendable', { n: r.value.unsendable }))
        : null,
      r.value.notes.map((n) => h('p', { class: 'muted' }, n)),
    );
    await refresh();
  }

  const file = h('input', {
    id: 'team-file',
    type: 'file',
    accept: '.zip,application/zip',
    onChange: () => void fromFile(),
  });
  async function fromFile(): Promise<void> {
    const chosen = file.files?.[0];
    file.value = '';
    if (!chosen || !(await sure(file))) return;
    // Staged for each try: the worker drops the file once it has read it.
    await load(file, async (leaveOutPendingElsewhere) =>
      send({
        type: 'team.load',
        stagingId: await stageFile(chosen.name, chosen),
        fileName: chosen.name,
        leaveOutPendingElsewhere,
      }),
    );
  }

  const address = h('input', {
    id: 'report-address',
    type: 'url',
    placeholder: 'https://',
    value: reportAddress ?? '',
  });
  const fromReportButton = h(
    'button',
    { type: 'button', id: 'team-from-report', onClick: () => fromReport() },
    t('team.fromReport'),
  );
  function fromReport(): void {
    let origin: string;
    try {
      origin = `${new URL(address.value.trim()).origin}/*`;
    } catch {
      fail(t('team.badAddress'));
      return;
    }
    // Asked for in the click itself (browsers grant it only from a user's action), for this one
    // origin: the manifest only lists what may be asked for (optional_host_permissions).
    void browser.permissions.request({ origins: [origin] }).then(async (granted) => {
      if (!granted) return fail(t('team.noPermission', { origin }));
      if (!(await sure(fromReportButton))) return;
      render(out, h('p', { class: 'muted' }, t('team.fetching')));
      await load(fromReportButton, (leaveOutPendingElsewhere) =>
        send({ type: 'team.fetch', address: address.value.trim(), leaveOutPendingElsewhere }),
      );
    });
  }

  async function exportChanges(): Promise<void> {
    const r = await send({ type: 'changes.export' });
    if (!r.ok) return fail(r.error);
    const staged = await readStaged(r.value.stagingId);
    if (staged) saveBlob(r.value.fileName, staged.blob);
    await dropStaged(r.value.stagingId);
    render(
      out,
      h(
        'p',
        { 'data-exported': r.value.fileName },
        t('team.exported', { file: r.value.fileName, n: r.value.changes }),
      ),
    );
  }

  const element = h(
    'section',
    { class: 'team', 'aria-labelledby': 'team-title' },
    h('h2', { id: 'team-title' }, t('team.title')),
    status,
    h(
      'button',
      { type: 'button', id: 'export-changes', onClick: () => void exportChanges() },
      t('team.export'),
    ),
    h('label', { for: 'team-file' }, t('team.fromFile')),
    file,
    h('label', { for: 'report-address' }, t('team.reportAddress')),
    h('div', { class: 'row' }, address, fromReportButton),
    out,
  );
  return { element, refresh };
}
