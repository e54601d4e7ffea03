/** The data as a whole, from the extension's pages: imports, the snapshot export, retention. */
import { applyRetention, encodeSnapshot, expireExceptions, zipSnapshot } from '../../../core/index.ts';
import { fileNamePart } from '../../shared/file-name.ts';
import { stageFile } from '../../shared/staging.ts';
import { commit, currentState } from '../data.ts';
import { startImport } from '../import-job.ts';
import { loadSettings } from '../settings-store.ts';
import { type HandlerTable, now } from './common.ts';

/** R-RET-1 (the team's 180 days, no local setting), daily and on demand; expired exceptions are recorded at the same time (R-EXC-4). */
export async function runRetention(): Promise<{ removed: number }> {
  const state = await currentState();
  const t = now();
  const retention = applyRetention(state, t);
  const expiry = expireExceptions(state, t);
  const removed = retention.events.filter((e) => e.type === 'activity.removed').length;
  if (retention.events.length > 0) await commit(retention);
  if (expiry.events.length > 0) await commit(expiry);
  return { removed };
}

export const dataHandlers: HandlerTable<'import.staged' | 'snapshot.export' | 'retention.run'> = {
  'import.staged': (req) => startImport(req.files, req.partial),

  'snapshot.export': async () => {
    const state = await currentState();
    const t = now();
    const files = await encodeSnapshot(state, { generatedAt: t, source: 'remdesk extension' });
    const zip = zipSnapshot(files);
    const { email: who } = await loadSettings();
    const fileName = `remdesk-snapshot-${fileNamePart(who ?? 'unknown')}-${fileNamePart(t)}.zip`;
    const stagingId = await stageFile(
      fileName,
      new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
    );
    return { stagingId, fileName };
  },

  'retention.run': () => runRetention(),
};
