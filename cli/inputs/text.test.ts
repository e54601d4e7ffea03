import { describe, expect, it } from 'vitest';
import { inputErrorOf } from '../../test/support/core/input-error.ts';
import { decodeUtf8 } from './text.ts';

const issueOf = (f: () => unknown) => inputErrorOf(f).issues[0];

describe('decodeUtf8', () => {
  it('reads UTF-8, with or without a byte order mark', () => {
    expect(decodeUtf8(new TextEncoder().encode('{"a":"中文"}'), 'f.json')).toBe('{"a":"中文"}');
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), 'f.json')).toBe('{}');
  });

  it('refuses UTF-16 by name', () => {
    const issue = issueOf(() => decodeUtf8(new Uint8Array([0xff, 0xfe, 0x7b, 0x00]), 'f.json'));
    expect(issue?.message).toMatch(/UTF-16/);
  });

  it('names the line of the first invalid byte', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{\n"a":\n"'), 0xe9, 0x22, 0x7d]);
    const issue = issueOf(() => decodeUtf8(bytes, 'latin1.json'));
    expect(issue).toMatchObject({ file: 'latin1.json', line: 3 });
    expect(issue?.message).toMatch(/invalid UTF-8 \(byte 0xe9/);
  });
});
