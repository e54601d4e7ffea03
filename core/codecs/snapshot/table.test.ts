import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { type InternPool, rowReader } from './table.ts';

describe('Row: cells kept from a file', () => {
  const values = [
    'C:\\Users\\x\\notes.txt',
    'say "hi", then\r\nnew line',
    '\u0001 a control character',
    '修正活动 需要注意 and more',
    'sha-012415.contoso.com',
    'short',
    '',
  ];

  it('keeps and interns every cell exactly, whatever it holds', () => {
    const row = rowReader(['a', 'b']);
    for (const v of values) {
      row.cells = [v, v];
      expect(row.kept('a')).toBe(v);
      expect(row.interned('b', (s) => `<${s}>`)).toBe(`<${v}>`);
    }
  });

  it('copies a kept ASCII cell cut from wide text into one byte a character', () => {
    const text = `修正,${'a'.repeat(40)}`;
    const row = rowReader(['a']);
    row.cells = [text.slice(3)];
    const kept = row.kept('a');
    expect(kept).toBe('a'.repeat(40));
    // V8's serialisation writes a one-byte string a byte a character, a two-byte one two.
    expect(serialize(kept).length).toBeLessThan(serialize(text.slice(3)).length);
  });

  it('shares interned values between rows of one pool, per parse function', () => {
    const pool: InternPool = new Map();
    const parse = (s: string) => ({ s });
    const other = (s: string) => ({ s });
    const [a, b, c] = [rowReader(['x'], pool), rowReader(['y'], pool), rowReader(['z'], pool)];
    for (const row of [a, b, c]) row.cells = ['a-device-id-long-enough'];
    const first = a.interned('x', parse);
    expect(b.interned('y', parse)).toBe(first);
    expect(c.interned('z', other)).not.toBe(first);
    const alone = rowReader(['y']);
    alone.cells = ['a-device-id-long-enough'];
    expect(alone.interned('y', parse)).not.toBe(first);
  });
});
