import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asyncInputErrorOf, inputErrorOf } from '../../test/support/core/input-error.ts';
import { LIMITS } from '../limits.ts';
import { exportPartLines, type InflatingSource, LineSplitter, wholeFileTooLarge } from './lines.ts';

const encoder = new TextEncoder();
const issueOf = (f: () => unknown) => inputErrorOf(f).issues[0];
const issueOfAsync = async (p: Promise<unknown>) => (await asyncInputErrorOf(p)).issues[0];

/** Every line `text` holds, given in the chunks `cuts` makes of it. */
function split(text: string, cuts: readonly number[], max = LIMITS.maxLineChars): string[] {
  const splitter = new LineSplitter('part.json.gz', max);
  const at = [0, ...[...cuts].map((c) => c % (text.length + 1)).sort((a, b) => a - b), text.length];
  return [...at.slice(1).flatMap((end, i) => splitter.push(text.slice(at[i], end))), ...splitter.end()];
}

describe('LineSplitter', () => {
  it('gives the lines of the text however it is cut into chunks', () => {
    const line = fc.string({ unit: fc.constantFrom('a', '{', '"', ' ', '\r', 'é', '😀') });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1 }).filter((ls) => (ls[0] ?? '').trim() !== ''),
        fc.boolean(),
        fc.array(fc.nat()),
        (lines, trailing, cuts) => {
          const text = lines.join('\n') + (trailing ? '\n' : '');
          const expected = text.split('\n');
          if (expected.at(-1) === '') expected.pop();
          expect(split(text, cuts)).toEqual(expected);
        },
      ),
    );
  });

  it('refuses a line over the limit as soon as it gets there, naming the line', () => {
    const splitter = new LineSplitter('part.json.gz', 10);
    expect(splitter.push('{"a":1}\n{"b":')).toEqual(['{"a":1}']);
    const issue = issueOf(() => splitter.push('"123456"'));
    expect(issue).toMatchObject({ file: 'part.json.gz', line: 2 });
    expect(issue?.message).toMatch(/longer than 10 characters/);
  });

  it('splits one 64 MB line in linear time', () => {
    const chunk = 'x'.repeat(64 * 1024);
    const splitter = new LineSplitter('part.json.gz', 128 * 1024 * 1024);
    const started = performance.now();
    for (let i = 0; i < 1024; i++) expect(splitter.push(chunk)).toEqual([]);
    expect(splitter.end()[0]).toHaveLength(64 * 1024 * 1024);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a blank line before the first record, and keeps those after it', () => {
    for (const text of ['\n{}', '\r\n{}', '   \n{}', '\n']) {
      const issue = issueOf(() => split(text, []));
      expect(issue).toMatchObject({ line: 1 });
      expect(issue?.message).toMatch(/blank line before the first record/);
    }
    expect(split('{}\n\n\r\n{}\n', [])).toEqual(['{}', '', '\r', '{}']);
  });
});

/** A source that hands out `chunks` as if inflated from `compressed(i)` bytes read after the i-th. */
function source(
  chunks: Iterable<Uint8Array>,
  compressed: (i: number) => number = () => Number.MAX_SAFE_INTEGER,
  fault?: Error,
): InflatingSource {
  let i = 0;
  return {
    inflated: (async function* () {
      for (const c of chunks) {
        i++;
        yield c;
      }
      if (fault) throw fault;
    })(),
    compressedRead: () => compressed(i),
    describeFault: (e) => (e === fault ? 'cut short' : null),
  };
}

const SMALL = {
  maxLineChars: 1000,
  maxDecompressedBytes: 1 << 20,
  maxInflationRatio: 10,
  inflationGraceBytes: 4096,
};
const collect = async (lines: AsyncIterable<string>): Promise<string[]> => {
  const all: string[] = [];
  for await (const l of lines) all.push(l);
  return all;
};

describe('exportPartLines', () => {
  it('decodes UTF-8 split anywhere across chunks', async () => {
    const bytes = encoder.encode('{"a":"中文"}\n{"b":"😀"}');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const chunks = [bytes.subarray(0, cut), bytes.subarray(cut)];
      expect(await collect(exportPartLines(source(chunks), 'p'))).toEqual(['{"a":"中文"}', '{"b":"😀"}']);
    }
  });

  it('refuses invalid UTF-8 at its line', async () => {
    const chunks = [encoder.encode('{}\n{"a":"'), new Uint8Array([0xe9, 0x22, 0x7d])];
    const issue = await issueOfAsync(collect(exportPartLines(source(chunks), 'p')));
    expect(issue).toMatchObject({ file: 'p', line: 2 });
    expect(issue?.message).toMatch(/invalid UTF-8/);
  });

  it("turns the inflater's fault into the file's error at the line reached; others pass through", async () => {
    const cut = new Error('Z_BUF_ERROR');
    const issue = await issueOfAsync(
      collect(exportPartLines(source([encoder.encode('{}\n{}\n{')], undefined, cut), 'p')),
    );
    expect(issue).toMatchObject({ file: 'p', line: 3, message: 'not a readable gzip file: cut short' });
    const disk = new Error('EIO');
    const failed = collect(
      exportPartLines({ ...source([], undefined, disk), describeFault: () => null }, 'p'),
    );
    await expect(failed).rejects.toBe(disk);
  });

  it('refuses inflation over the ratio once past the grace, however the bytes come', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4096 }), async (size) => {
        const chunk = encoder.encode(`${'{}\n'.repeat(Math.ceil(size / 3))}`);
        // All of it from the first hundred compressed bytes: far over the ratio past the grace.
        const chunks = Array.from({ length: Math.ceil(20_000 / chunk.length) }, () => chunk);
        const issue = await issueOfAsync(
          collect(
            exportPartLines(
              source(chunks, () => 100),
              'p',
              SMALL,
            ),
          ),
        );
        expect(issue?.message).toMatch(/over 10 times its compressed size.*gzip bomb/);
      }),
      { numRuns: 20 },
    );
    // Within the ratio, the same text is read.
    const chunk = encoder.encode('{}\n'.repeat(100));
    const fine = Array.from({ length: 100 }, () => chunk);
    expect(
      await collect(
        exportPartLines(
          source(fine, (i) => i * chunk.length),
          'p',
          SMALL,
        ),
      ),
    ).toHaveLength(10_000);
  });

  it('refuses more than maxDecompressedBytes in all', async () => {
    const chunk = encoder.encode('{}\n'.repeat(10_000));
    const chunks = Array.from({ length: 40 }, () => chunk);
    const issue = await issueOfAsync(collect(exportPartLines(source(chunks), 'p', SMALL)));
    expect(issue?.message).toMatch(/decompresses to more than 1 MiB/);
  });
});

describe('wholeFileTooLarge', () => {
  it('passes files up to the limit and names the size of larger ones', () => {
    expect(wholeFileTooLarge('f.json', LIMITS.maxWholeFileBytes)).toBeNull();
    expect(wholeFileTooLarge('f.json', 3 * 1024 ** 3)?.issues[0]).toMatchObject({
      file: 'f.json',
      message: expect.stringMatching(/3,072 MiB, more than the 512 MiB/),
    });
  });
});
