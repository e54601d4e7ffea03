import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../core/index.ts';

/**
 * The lines of a gzip-compressed UTF-8 file, streamed: node's native zlib (much faster than a
 * JavaScript inflater on million-line exports) and a strict decoder, so invalid UTF-8 is an error
 * rather than replacement characters. `onBytes` reports compressed bytes read, for progress.
 */
export async function* gunzipFileLines(
  path: string,
  file: string,
  onBytes?: (compressedBytes: number) => void,
): AsyncGenerator<string, void, undefined> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  let read = 0;
  if (onBytes) {
    input.on('data', (c) => {
      read += c.length;
      onBytes(read);
    });
  }
  const gunzip = input.pipe(createGunzip());
  input.on('error', (e) => gunzip.destroy(e));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  let line = 1;
  const fail = (why: string): never => {
    throw new InputError([{ file, line, field: null, message: why }]);
  };
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        return fail('invalid UTF-8 in the decompressed text; the export must be UTF-8');
      }
      const parts = (rest + text).split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) {
        yield p;
        line++;
      }
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as NodeJS.ErrnoException;
    return fail(
      `not a readable gzip file: ${err.code === 'Z_BUF_ERROR' ? 'the file is truncated' : err.message}`,
    );
  }
  try {
    rest += decoder.decode();
  } catch {
    fail('invalid UTF-8 at the end of the decompressed text');
  }
  if (rest !== '') yield rest;
}
