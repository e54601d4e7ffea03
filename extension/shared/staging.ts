/**
 * Files on their way to or from the worker. A file can be hundreds of megabytes: too big for a
 * message, so the popup puts it here (the extension origin's IndexedDB, shared by the popup and the
 * worker) and sends only its id. Exports travel back the same way.
 */
const DB = 'remdesk-staging';
const STORE = 'files';

export interface StagedFile {
  readonly id: string;
  readonly name: string;
  readonly blob: Blob;
  readonly createdAt: number;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = op(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export async function stageFile(name: string, blob: Blob): Promise<string> {
  const id = crypto.randomUUID();
  await run('readwrite', (s) => s.put({ id, name, blob, createdAt: Date.now() } satisfies StagedFile));
  return id;
}

export const readStaged = (id: string): Promise<StagedFile | undefined> =>
  run('readonly', (s) => s.get(id) as IDBRequest<StagedFile | undefined>);

export const dropStaged = (id: string): Promise<undefined> => run('readwrite', (s) => s.delete(id));

/** Leftovers of imports or exports that never finished (the worker was stopped, the popup closed). */
export async function dropStagedBefore(cutoff: number): Promise<void> {
  const all = await run('readonly', (s) => s.getAll() as IDBRequest<StagedFile[]>);
  for (const f of all) if (f.createdAt < cutoff) await dropStaged(f.id);
}
