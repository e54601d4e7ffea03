/**
 * Bad input is reported, never swallowed: every problem names the file, the line (or JSON path)
 * and the field, so a user can find it. `file:line: field: message` is the printed form.
 */
export interface InputIssue {
  readonly file: string;
  /** 1-based line in the file; null when the format has no lines to point at. */
  readonly line: number | null;
  /** JSON path (`$.value[3].dueOn`) where the input is JSON. */
  readonly path?: string;
  readonly field: string | null;
  readonly message: string;
}

/**
 * Characters a terminal acts on rather than shows: C0 and C1 controls (ESC starts the sequences
 * that recolour, move the cursor or retitle the window; CSI 0x9b does alone), DEL, the line and
 * paragraph separators, and the bidirectional overrides that make text read in another order than
 * it is stored.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from file names and data made safe to print: each control character is shown escaped
 * (newline as `\n`, ESC as `\u001b`), so a hostile name can neither forge a line of output nor
 * drive the terminal. Everything else, including non-Latin text, is kept as it is.
 */
export const printable = (text: string): string =>
  text.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export const formatIssue = (i: InputIssue): string =>
  printable(`${i.file}:${i.line ?? '-'}:${i.path ? ` ${i.path}:` : ''} ${i.field ?? '-'}: ${i.message}`);

export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(readonly issues: readonly InputIssue[]) {
    super(
      issues.length === 1 && issues[0]
        ? formatIssue(issues[0])
        : `${issues.length} problems:\n${issues.slice(0, 20).map(formatIssue).join('\n')}${issues.length > 20 ? `\n… and ${issues.length - 20} more` : ''}`,
    );
  }
}
