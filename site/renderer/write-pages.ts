/** Renders addresses of the site and writes each as a file (in a rendering thread). */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The file an address is saved as: folders get their index.html, the 404 page its 404.html. */
export function fileOf(path: string): string {
  if (path === '' || path.endsWith('/')) return `${path}index.html`;
  return path === '404' ? '404.html' : path;
}

/** Files written while the next pages render; more would only hold more pages in memory. */
const WRITES_IN_FLIGHT = 16;

/** Writes `bytes` to `file`, creating its folder the first time one is needed. */
export function fileWriter(out: string): (path: string, bytes: Uint8Array) => Promise<void> {
  const folders = new Map<string, Promise<unknown>>();
  return async (path, bytes) => {
    const file = join(out, path);
    const dir = dirname(file);
    let made = folders.get(dir);
    if (made === undefined) {
      made = mkdir(dir, { recursive: true });
      folders.set(dir, made);
    }
    await made;
    await writeFile(file, bytes);
  };
}

/**
 * Renders and writes `paths`; `onWritten` hears of each file written. Every listed address
 * exists, so any answer but 200 (404 for the 404 page) is a fault of the site and fails the build
 * instead of being written.
 */
export async function writePages(
  paths: readonly string[],
  render: (path: string) => Promise<Response>,
  save: (path: string, bytes: Uint8Array) => Promise<void>,
  onWritten: () => void,
): Promise<void> {
  const writing = new Set<Promise<void>>();
  for (const path of paths) {
    const response = await render(path);
    if (response.status !== (path === '404' ? 404 : 200)) {
      throw new Error(`the report site failed to render /${path} (HTTP ${response.status})`);
    }
    const write = save(fileOf(path), new Uint8Array(await response.arrayBuffer()));
    writing.add(write);
    write.then(
      () => {
        writing.delete(write);
        onWritten();
      },
      () => {},
    );
    if (writing.size >= WRITES_IN_FLIGHT) await Promise.race(writing);
  }
  await Promise.all(writing);
}
