import { describe, expect, it } from 'vitest';
import { AdminSession } from '../../../test/support/core/admin-session.ts';
import { REC_ID } from '../../../test/support/core/builders.ts';
import { BASE_REF, DESKTOPS, LABS, teamBase } from '../../../test/support/core/team-base.ts';
import { instant } from '../../model/time.ts';
import { FILE_KIND_HEAD, fileKindOf } from '../file-kind.ts';
import { decodeChangeBundle, encodeChangeBundle } from './change-bundle-file.ts';

const at = (day: number) => instant(`2024-06-${String(day).padStart(2, '0')}T09:00:00Z`);

function aliceBundle() {
  const a = new AdminSession(teamBase(), 'alice@contoso.com', 'install-a', BASE_REF);
  const id = a.request(REC_ID, [DESKTOPS], at(3));
  a.setTask('task-base', 'active', at(4), 'on it');
  a.complete(id as string, at(5));
  a.cancel('x-base', LABS, at(6));
  a.except(REC_ID, 'global', at(7));
  return a.bundle(at(8));
}

/** The file with line `n` (1-based) passed through `edit`. */
const editLine = (text: string, n: number, edit: (line: string) => string): string =>
  text
    .split('\n')
    .map((l, i) => (i === n - 1 ? edit(l) : l))
    .join('\n');

describe('change bundle files', () => {
  it('R-MERGE-1: a bundle reads back as it was written, and is told from other files by its first bytes', async () => {
    const bundle = aliceBundle();
    const text = await encodeChangeBundle(bundle);
    expect(await decodeChangeBundle(text, 'a.jsonl')).toEqual(bundle);
    expect(text.split('\n')).toHaveLength(bundle.changes.length + 2);
    expect(fileKindOf(new TextEncoder().encode(text.slice(0, FILE_KIND_HEAD)))).toBe('bundle');
    expect(fileKindOf(new TextEncoder().encode('{"value":[]}'.padEnd(FILE_KIND_HEAD)))).toBe('text');
  });

  it('refuses a bundle edited by hand or cut short, naming the header field', async () => {
    const text = await encodeChangeBundle(aliceBundle());
    const edited = editLine(text, 4, (l) => l.replace('on it', 'on it!'));
    await expect(decodeChangeBundle(edited, 'a.jsonl')).rejects.toThrow(
      'a.jsonl:1: sha256: the changes do not match their checksum',
    );
    const cut = text.split('\n').slice(0, 3).join('\n');
    await expect(decodeChangeBundle(cut, 'a.jsonl')).rejects.toThrow(
      /a.jsonl:1: changes: the header says \d+ changes, the file has 2/,
    );
    await expect(decodeChangeBundle('{"format":"other"}\n', 'x.jsonl')).rejects.toThrow(
      /x.jsonl:1: - ?: ?not a field|format/,
    );
  });

  it('names the line and field of a bad change, even with a matching checksum', async () => {
    const bundle = aliceBundle();
    const good = await encodeChangeBundle(bundle);
    // A change rewritten with its checksum recomputed: the content itself is checked.
    const { sha256Hex } = await import('../snapshot/manifest.ts');
    const reseal = async (text: string) => {
      const [head, ...rest] = text.split('\n');
      const body = rest.join('\n');
      const h = JSON.parse(head as string);
      h.sha256 = await sha256Hex(new TextEncoder().encode(body));
      return `${JSON.stringify(h)}\n${body}`;
    };
    const badDate = await reseal(
      editLine(good, 2, (l) => l.replace(/"createdOn":"[^"]*"/, '"createdOn":"yesterday"')),
    );
    await expect(decodeChangeBundle(badDate, 'a.jsonl')).rejects.toThrow(/a.jsonl:2: activity.createdOn: /);
    // Half of a surrogate pair: JSON holds it, a snapshot's UTF-8 could not (another text would be kept).
    const lone = await reseal(editLine(good, 4, (l) => l.replace('on it', 'on it \\ud800')));
    await expect(decodeChangeBundle(lone, 'a.jsonl')).rejects.toThrow(
      'a.jsonl:4: event.details: is not Unicode text: it holds half of a surrogate pair',
    );
    const system = await reseal(
      editLine(good, 4, (l) => l.replace('"type":"task.status"', '"type":"activity.removed"')),
    );
    await expect(decodeChangeBundle(system, 'a.jsonl')).rejects.toThrow(/a.jsonl:4: /);
    const lines = good.split('\n');
    const repeated = await reseal(
      [...lines.slice(0, 3), lines[2], ...lines.slice(3)]
        .join('\n')
        .replace(/"changes":\d+/, `"changes":${bundle.changes.length + 1}`),
    );
    await expect(decodeChangeBundle(repeated, 'a.jsonl')).rejects.toThrow(
      'a.jsonl:4: event.id: repeats the event of line 3',
    );
    const extra = await reseal(editLine(good, 4, (l) => l.replace(/^\{/, '{"task":{},')));
    await expect(decodeChangeBundle(extra, 'a.jsonl')).rejects.toThrow(/a.jsonl:4: task/);
  });
});
