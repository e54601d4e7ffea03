import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyState } from '../model/state.ts';
import { instant } from '../model/time.ts';
import { summarize } from '../rules/summarize.ts';
import { historyLines, readHistory } from './history-lines.ts';

const NAMES = ['2026-11-01T080000Z', '2026-11-08T080000Z', '2026-11-08T080000.250Z', '2026-11-15T080000Z'];
const AT: Record<string, string> = {
  '2026-11-01T080000Z': '2026-11-01T08:00:00.000Z',
  '2026-11-08T080000Z': '2026-11-08T08:00:00.000Z',
  '2026-11-08T080000.250Z': '2026-11-08T08:00:00.250Z',
  '2026-11-15T080000Z': '2026-11-15T08:00:00.000Z',
};
const figuresAt = (snapshot: string) => summarize(emptyState(), instant(AT[snapshot] as string));
const line = (snapshot: string, over: Record<string, unknown> = {}) =>
  JSON.stringify({ at: AT[snapshot], snapshot, figures: figuresAt(snapshot), ...over });
const historyIssues = (file: string, text: string, snapshots: readonly string[]) =>
  readHistory(file, text, snapshots).issues.map((i) => i.issue);
const good = NAMES.map((n) => line(n));
const text = (lines: readonly string[]) => lines.map((l) => `${l}\n`).join('');

/** One kind of damage done to line i of a good history, with the issue it must give (line, field, words). */
type Damage = (
  lines: string[],
  i: number,
) => { lines: string[]; line: number; field: string | null; says: RegExp };
const damages: Record<string, Damage> = {
  glued: (l, i) => {
    const j = Math.min(i, l.length - 2);
    const out = [...l];
    out.splice(j, 2, `${l[j]}${l[j + 1]}`);
    return { lines: out, line: j + 1, field: null, says: /two lines glued into one/ };
  },
  missingField: (l, i) => {
    const out = [...l];
    const o = JSON.parse(l[i] as string);
    delete o.figures;
    out[i] = JSON.stringify(o);
    return { lines: out, line: i + 1, field: 'figures', says: /expected an object of figures, got nothing/ };
  },
  wrongFigure: (l, i) => {
    const out = [...l];
    const o = JSON.parse(l[i] as string);
    o.figures.activities.byStatus.Active = -1;
    out[i] = JSON.stringify(o);
    return {
      lines: out,
      line: i + 1,
      field: 'figures.activities.byStatus.Active',
      says: /expected a whole number from 0, got number -1/,
    };
  },
  missingFigure: (l, i) => {
    const out = [...l];
    const o = JSON.parse(l[i] as string);
    delete o.figures.exceptions.inEffectByJustification.RiskAccepted;
    out[i] = JSON.stringify(o);
    return {
      lines: out,
      line: i + 1,
      field: 'figures.exceptions.inEffectByJustification.RiskAccepted',
      says: /got nothing \(the field is missing\)/,
    };
  },
  unknownFigure: (l, i) => {
    const out = [...l];
    const o = JSON.parse(l[i] as string);
    o.figures.activities.byType.Reboot = 1;
    out[i] = JSON.stringify(o);
    return { lines: out, line: i + 1, field: 'figures.activities.byType.Reboot', says: /not a figure/ };
  },
  wrongGroup: (l, i) => {
    const out = [...l];
    const o = JSON.parse(l[i] as string);
    o.figures.activities.byGroup = [{ group: 'Servers', active: 1, completed: 0, overdue: 0 }, { group: 7 }];
    out[i] = JSON.stringify(o);
    return {
      lines: out,
      line: i + 1,
      field: 'figures.activities.byGroup[1].group',
      says: /expected a string, got number 7/,
    };
  },
  wrongType: (l, i) => {
    const out = [...l];
    out[i] = line(NAMES[i] as string, { at: 5 });
    return {
      lines: out,
      line: i + 1,
      field: 'at',
      says: /expected an ISO 8601 time as a string, got number 5/,
    };
  },
  unknownSnapshot: (l, i) => {
    const out = [...l];
    out[i] = JSON.stringify({ at: '2030-01-01T00:00:00.000Z', snapshot: '2030-01-01T000000Z', figures: {} });
    return { lines: out, line: i + 1, field: 'snapshot', says: /2030-01-01T000000Z is not in snapshots\// };
  },
  duplicate: (l, i) => {
    const out = [...l];
    out.splice(i + 1, 0, l[i] as string);
    return { lines: out, line: i + 2, field: 'snapshot', says: new RegExp(`already has line ${i + 1}`) };
  },
  outOfOrder: (l, i) => {
    const j = Math.min(i, l.length - 2);
    const out = [...l];
    [out[j], out[j + 1]] = [l[j + 1] as string, l[j] as string];
    return {
      lines: out,
      line: j + 2,
      field: 'snapshot',
      says: /is older than .* on line \d+; lines are in time order/,
    };
  },
  blank: (l, i) => {
    const out = [...l];
    out.splice(i, 0, '  ');
    return { lines: out, line: i + 1, field: null, says: /blank/ };
  },
  crlf: (l, i) => {
    const out = [...l];
    out[i] = `${l[i]}\r`;
    return { lines: out, line: i + 1, field: null, says: /carriage return \(CRLF\)/ };
  },
};

describe('readHistory', () => {
  it("a good history has no issue, and reads as its lines, each with its snapshot's time", () => {
    const reading = readHistory('h', text(good), NAMES);
    expect(reading.issues).toEqual([]);
    expect(reading.lines).toEqual(NAMES.map((n) => ({ at: AT[n], snapshot: n, figures: figuresAt(n) })));
  });

  it('names the line, the field and what was expected, for generated damage', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(damages)),
        fc.integer({ min: 0, max: NAMES.length - 1 }),
        (kind, i) => {
          const d = (damages[kind] as Damage)(good, i);
          const issues = historyIssues('h', text(d.lines), NAMES);
          expect(issues, kind).toContainEqual(
            expect.objectContaining({
              file: 'h',
              line: d.line,
              field: d.field,
              message: expect.stringMatching(d.says),
            }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a missing last newline is said; snapshots after the last line are said to be completed by the next write', () => {
    const issues = historyIssues('h', text(good.slice(0, 2)).trimEnd(), NAMES);
    expect(issues.map((i) => i.message)).toEqual([
      'the last line has no newline at its end (the next write adds it)',
      expect.stringMatching(
        /^no line for 2026-11-08T080000.250Z \(a write stopped .* the next import or sample adds it\)$/,
      ),
      expect.stringMatching(/^no line for 2026-11-15T080000Z \(a write stopped/),
    ]);
  });

  it("takes an `at` written in another form as its snapshot's time, and no line with a problem", () => {
    const lines = [
      line(NAMES[0] as string, { at: '2026-11-01T08:00:00Z' }),
      line(NAMES[1] as string, { at: 3 }),
    ];
    const reading = readHistory('h', text(lines), NAMES.slice(0, 2));
    expect(reading.lines).toEqual([
      { at: AT[NAMES[0] as string], snapshot: NAMES[0], figures: figuresAt(NAMES[0] as string) },
    ]);
  });
});

describe('historyLines', () => {
  it('reads what a write would append to, the missing newline and the lines a stopped write left out too', () => {
    const lines = historyLines('h', text(good.slice(0, 2)).trimEnd(), NAMES);
    expect(lines.map((l) => l.snapshot)).toEqual(NAMES.slice(0, 2));
  });

  it('refuses damage a write refuses, naming the line and the field', () => {
    const damaged = [...good];
    damaged[2] = line(NAMES[2] as string, { figures: { ...figuresAt(NAMES[2] as string), at: 'yesterday' } });
    expect(() => historyLines('h', text(damaged), NAMES)).toThrow(
      /^h:3: figures\.at: expected an ISO 8601 UTC time .*, got string "yesterday"$/,
    );
  });
});
