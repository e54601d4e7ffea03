import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip, type Gunzip } from 'node:zlib';
import { exportPartLines } from '../../core/index.ts';

/** What follows the last gzip member: zlib drops it silently when it starts with a zero byte. */
class TrailingBytes extends Error {}

/**
 * The lines of a gzip-compressed UTF-8 export part, streamed through node's native zlib (much
 * faster than a JavaScript inflater on million-line exports) and core's bounded line reader
 * (`exportPartLines`: bombs, over-long lines, invalid UTF-8). Accepted only when every member
 * inflates whole with its CRC and length checked and nothing follows the last one. The file is
 * opened when the first line is asked for. `onBytes` reports compressed bytes read, for progress.
 */
export function gunzipFileLines(
  path: string,
  file: string,
  onBytes?: (compressedBytes: number) => void,
): AsyncGenerator<string, void, undefined> {
  let gunzip: Gunzip | null = null;
  async function* inflated(): AsyncGenerator<Uint8Array> {
    const input = createReadStream(path, { highWaterMark: 1 << 20 });
    let read = 0;
    input.on('data', (c) => {
      read += c.length;
      onBytes?.(read);
    });
    const inflater = createGunzip();
    gunzip = inflater;
    // A reader that stops early (a bad record) destroys gunzip, and pipeline closes the file with
    // it; errors reach the reader through gunzip.
    pipeline(input, inflater, () => undefined);
    yield* inflater;
    // bytesWritten counts what zlib consumed; read, what the file held.
    if (inflater.bytesWritten !== read)
      throw new TrailingBytes(
        `${read - inflater.bytesWritten} bytes after the end of the compressed data (the file is damaged)`,
      );
  }
  return exportPartLines(
    {
      inflated: inflated(),
      // What zlib has consumed, not what was read ahead: a megabyte read ahead of a bomb is a gigabyte.
      compressedRead: () => gunzip?.bytesWritten ?? 0,
      describeFault,
    },
    file,
  );
}

/** zlib's error in words; a file system error is not the file's content and is rethrown (exit 3). */
function describeFault(e: unknown): string | null {
  if (e instanceof TrailingBytes) return e.message;
  const err = e as NodeJS.ErrnoException;
  if (err.syscall !== undefined) return null;
  if (err.code === 'Z_BUF_ERROR') return 'the file is cut short (it ends inside the compressed data)';
  if (err.message === 'incorrect data check') return 'its CRC-32 check failed (the data is damaged)';
  if (err.message === 'incorrect length check') return 'its length check failed (the data is damaged)';
  return `the compressed data is damaged (${err.message})`;
}
