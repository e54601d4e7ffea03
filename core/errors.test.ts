import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue, printable } from './errors.ts';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('printable', () => {
  it('leaves no character a terminal acts on, and keeps all other text as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const shown = printable(s);
        expect(shown).not.toMatch(CONTROL);
        if (!CONTROL.test(s)) expect(shown).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('shows newline, return and tab by name and the rest by code', () => {
    expect(printable('a\nb\r\tc\x1b[31m\x9b\u202e')).toBe('a\\nb\\r\\tc\\u001b[31m\\u009b\\u202e');
  });

  it('formatIssue escapes every part, so one issue is one line', () => {
    const line = formatIssue({ file: 'x\n\x1b.json', line: 3, field: 'f\r', message: 'bad\nvalue' });
    expect(line).toBe('x\\n\\u001b.json:3: f\\r: bad\\nvalue');
  });
});
