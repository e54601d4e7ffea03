import { stat } from 'node:fs/promises';
import type { InputIssue } from '../../core/index.ts';
import { readTextAt } from './fs-path.ts';
import { historyFile } from './layout.ts';

/**
 * history.jsonl when something other than a file is in its place (a folder, a fifo): a problem of
 * the archive, said before anything opens it (opening a fifo waits for a writer forever).
 */
export async function historyNotAFile(archive: string): Promise<InputIssue | null> {
  const info = await stat(historyFile(archive)).catch(() => null);
  return info === null || info.isFile()
    ? null
    : {
        file: historyFile(archive),
        line: null,
        field: null,
        message: 'not a file; history.jsonl is a file of one JSON line per snapshot',
      };
}

/** history.jsonl's text; null when there is none yet. */
export async function readHistoryText(archive: string): Promise<string | null> {
  try {
    return await readTextAt(historyFile(archive));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
