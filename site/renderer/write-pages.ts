/** Renders addresses of the site and writes each as a file (in a rendering thread). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The file an address is saved as: folders get their index.html, the 404 page its 404.html. */
export function fileOf(path: string): string {
  if (path === '' || path.endsWith('/')) return `${path}index.html`;
  return path === '404' ? '404.html' : path;
}

/**
 * Writes `bytes` to `file`, creating its folder the first time one is needed. Synchronously: the
 * thread has nothing else to do meanwhile, and each asynchronous write (open, write and close,
 * each a trip through the thread pool) cost more than it overlapped (docs/decisions/0003-device-tables-read-once.md).
 */
export function fileWriter(out: string): (path: string, bytes: Uint8Array) => void {
  const folders = new Set<string>();
  return (path, bytes) => {
    const file = join(out, path);
    const dir = dirname(file);
    if (!folders.has(dir)) {
      mkdirSync(dir, { recursive: true });
      folders.add(dir);
    }
    writeFileSync(file, bytes);
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
  save: (path: string, bytes: Uint8Array) => void,
  onWritten: () => void,
): Promise<void> {
  for (const path of paths) {
    const response = await render(path);
    if (response.status !== (path === '404' ? 404 : 200)) {
      throw new Error(`the report site failed to render /${path} (HTTP ${response.status})`);
    }
    save(fileOf(path), new Uint8Array(await response.arrayBuffer()));
    onWritten();
  }
}
