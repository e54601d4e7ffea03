import { readFile } from 'node:fs/promises';

/**
 * A file system error names the path it is about, so that cli/main.ts, the one place that prints
 * it, can say where: an error from a handle, or from reading a folder as a file (EISDIR), names
 * none by itself. The path is added when it is missing.
 */
export function withPath(e: unknown, path: string): unknown {
  if (e instanceof Error && (e as NodeJS.ErrnoException).path === undefined)
    (e as NodeJS.ErrnoException).path = path;
  return e;
}

/** A file's text; a refusal of the file system names `path`. */
export async function readTextAt(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw withPath(e, path);
  }
}
