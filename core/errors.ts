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

export const formatIssue = (i: InputIssue): string =>
  `${i.file}:${i.line ?? '-'}:${i.path ? ` ${i.path}:` : ''} ${i.field ?? '-'}: ${i.message}`;

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
