import { Gunzip } from 'fflate';
import { InputError } from '../../errors.ts';

/**
 * The lines of a gzip-compressed text file, decompressed as the chunks arrive: the export "via
 * files" (`.json.gz`, one JSON record per line) is never held whole, compressed or not.
 */
export async function* gunzipLines(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  file: string,
): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending: string[] = [];
  let rest = '';
  const gunzip = new Gunzip((data, final) => {
    const lines = (rest + decoder.decode(data, { stream: !final })).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) pending.push(line);
  });
  const push = (chunk: Uint8Array, final: boolean): void => {
    try {
      gunzip.push(chunk, final);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new InputError([
        { file, line: null, field: null, message: `not a readable gzip file of UTF-8 text: ${why}` },
      ]);
    }
  };
  for await (const chunk of chunks) {
    push(chunk, false);
    yield* pending;
    pending = [];
  }
  push(new Uint8Array(0), true);
  yield* pending;
  if (rest !== '') yield rest;
}
