import { describe, expect, it } from 'vitest';
import { CONFIG_REC_ID, devId, group, NOW, REC_ID, T0 } from '../../../test/support/core/builders.ts';
import type { ExposureFix } from '../../model/exposure.ts';
import { readSnapshotTable } from './decode.ts';
import { fixesFileBytes, fixesTable } from './fixes-table.ts';

const fix = (n: number, over: Partial<ExposureFix> = {}): ExposureFix => ({
  deviceId: devId(n),
  recommendationId: REC_ID,
  group: group('Servers'),
  severity: 'High',
  firstSeen: T0,
  fixedAt: NOW,
  ...over,
});

describe('fixes.csv', () => {
  it('round-trips every field, group names a spreadsheet could misread and unknown values included', async () => {
    const fixes = [
      fix(2, { recommendationId: CONFIG_REC_ID, severity: null, firstSeen: null }),
      ...['=SUM(1)', '-1', "'quoted", '笔记本电脑, "laptops"'].map((name, i) =>
        fix(10 + i, { group: group(name) }),
      ),
      fix(1),
    ];
    const back = await readSnapshotTable(fixesTable, fixesFileBytes(fixes), 'fixes.csv');
    expect(new Set(back)).toEqual(new Set(fixes));
  });

  it('writes the same bytes whatever order the fixes come in', () => {
    const a = [fix(1), fix(2), fix(1, { recommendationId: CONFIG_REC_ID })];
    expect(fixesFileBytes(a)).toEqual(fixesFileBytes([...a].reverse()));
  });

  it('refuses a bad cell naming the file, line and field', async () => {
    const text = new TextDecoder().decode(fixesFileBytes([fix(1)])).replace(',High,', ',Severe,');
    await expect(readSnapshotTable(fixesTable, text, 'snapshots/x/fixes.csv')).rejects.toThrow(
      /snapshots\/x\/fixes\.csv:2: highestSeverity: "Severe" is not one of/,
    );
  });
});
