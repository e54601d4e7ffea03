/** The team state (docs/team.md): its status, loading it from a file or the report, exporting the admin's changes. */
import { PendingElsewhereError, unzipSnapshot } from '../../../core/index.ts';
import { dropStaged, readStaged, stageFile } from '../../shared/staging.ts';
import { saveSettings } from '../settings-store.ts';
import { exportChanges, fetchTeamState, loadTeamState, teamStatus } from '../team-state.ts';
import { actor, checked, currentActor, type HandlerTable, Refused } from './common.ts';

/** Changes made on another archive: a refusal the popup asks about (`pending`), never a silent loss. */
async function pendingElsewhereRefused<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof PendingElsewhereError)
      throw new Refused(e.message, [{ field: 'pending', message: String(e.pending) }]);
    throw e;
  }
}

/** The report's address: https (or http on this machine, for a local preview), no credentials. */
function reportAddress(raw: string): string {
  const url = new URL(raw.trim());
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    throw new Error('the report is loaded over https (or http from this machine)');
  if (url.username !== '' || url.password !== '')
    throw new Error('an address with a password is not accepted');
  return url.href;
}

export const teamHandlers: HandlerTable<'team.status' | 'team.load' | 'team.fetch' | 'changes.export'> = {
  'team.status': () => teamStatus(),

  'team.load': async ({ stagingId, fileName, leaveOutPendingElsewhere }) => {
    const actorOrNull = await currentActor();
    const staged = await readStaged(stagingId);
    if (!staged) throw new Refused('the file is gone (the worker was restarted); choose it again');
    try {
      const files = unzipSnapshot(new Uint8Array(await staged.blob.arrayBuffer()), fileName);
      return await pendingElsewhereRefused(() =>
        loadTeamState(files, fileName, 'file', actorOrNull, leaveOutPendingElsewhere),
      );
    } finally {
      await dropStaged(stagingId);
    }
  },

  'team.fetch': async ({ address, leaveOutPendingElsewhere }) => {
    const url = checked('address', () => reportAddress(address));
    const actorOrNull = await currentActor();
    await saveSettings({ reportAddress: url });
    const files = await fetchTeamState(url);
    return pendingElsewhereRefused(() =>
      loadTeamState(files, url, 'report', actorOrNull, leaveOutPendingElsewhere),
    );
  },

  'changes.export': async () => {
    const out = await exportChanges(await actor());
    const stagingId = await stageFile(out.fileName, new Blob([out.text], { type: 'application/jsonl' }));
    return { stagingId, fileName: out.fileName, changes: out.changes };
  },
};
