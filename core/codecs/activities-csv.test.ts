import { describe, expect, it } from 'vitest';
import { attention, tracked } from '../../test/support/core/builders.ts';
import { testState } from '../../test/support/core/snapshot-state.ts';
import { calendarDate, instant } from '../model/time.ts';
import { presetPolicy } from '../sla/policy.ts';
import { activitiesToCsv, activityDevicesToCsv } from './activities-csv.ts';
import { readCsvStream } from './csv/read.ts';

const NOW = instant('2024-06-15T00:00:00Z');
const state = testState();

async function records(csv: string, columns: readonly string[]) {
  const rows: Record<string, string>[] = [];
  await readCsvStream(csv, 'export.csv', columns, (r) => rows.push(r));
  return rows;
}
const header = (csv: string) => csv.slice(1, csv.indexOf('\r\n')).split(',');

describe('R-CSV-1 activity exports', () => {
  const csv = activitiesToCsv(state.activities, {
    now: NOW,
    recommendations: new Map(state.recommendations.map((r) => [r.id, r])),
    tasks: new Map(state.tasks.map((t) => [t.id, t])),
  });

  it('R-CSV-1: a list of activities exports to CSV with BOM, neutralised cells and every row', async () => {
    expect(csv.startsWith('\ufeffTitle,')).toBe(true);
    expect(csv).toContain("\r\n'+1,");
    const rows = await records(csv, header(csv));
    expect(rows.map((r) => r['Activity id'])).toEqual(state.activities.map((a) => a.id));
    const act1 = rows.find((r) => r['Activity id'] === 'act-1');
    expect(act1).toMatchObject({
      'Due date': '2024-06-10',
      'Overdue days': '5',
      'Fixed devices': '1',
      'Target devices': '3',
      'Ticket status': 'rejected',
    });
  });

  it('R-ATTN-1: attention required has empty due date, progress and ticket cells', async () => {
    const rows = await records(csv, header(csv));
    for (const r of rows.filter((x) => x.Type === 'AttentionRequired')) {
      expect([
        r['Due date'],
        r['Overdue days'],
        r['Fixed devices'],
        r['Target devices'],
        r['Ticket status'],
      ]).toEqual(['', '', '', '', '']);
    }
  });

  it('R-DONE-1..3: completed by shows System confirmation, the email, or N/A', async () => {
    const by = Object.fromEntries(
      (await records(csv, header(csv))).map((r) => [r['Activity id'], r['Completed by']]),
    );
    expect(by).toMatchObject({
      'act-1': '',
      'act-2': 'System confirmation',
      'act-3': 'alice@contoso.com',
      'act-4': 'N/A',
    });
  });

  it('R-SLA-2: given the policy, an activity without its own due date shows its SLA date, and says which it is', async () => {
    const own = tracked('own', { dueOn: calendarDate('2024-06-20') });
    // Requested 2024-05-01, High: DefectDojo gives 30 days, past by NOW (2024-06-15).
    const vendor = tracked('vendor', { priority: 'High', createdOn: instant('2024-05-01T09:00:00Z') });
    const noSla = tracked('no-sla', { priority: 'Low' });
    const attn = attention('attn', { priority: 'High' });
    const policy = {
      ...presetPolicy('defectdojo'),
      activity: { ...presetPolicy('defectdojo').activity, Low: { kind: 'none' } },
    } as const;
    const withSla = activitiesToCsv([own, vendor, noSla, attn], { now: NOW, sla: policy });
    expect(header(withSla).slice(5, 8)).toEqual(['Due date', 'Due date source', 'Overdue days']);
    const rows = await records(withSla, header(withSla));
    expect(
      rows.map((r) => [r['Activity id'], r['Due date'], r['Due date source'], r['Overdue days']]),
    ).toEqual([
      ['own', '2024-06-20', 'own', ''],
      // Overdue days count from an own due date only (R-DUE-1): the SLA's is shown, and the metrics count its breach.
      ['vendor', '2024-05-31', 'sla', ''],
      ['no-sla', '', '', ''],
      ['attn', '', '', ''],
    ]);
    // Without the policy, the columns are as before.
    expect(header(activitiesToCsv([vendor], { now: NOW }))).not.toContain('Due date source');
  });

  it("R-CSV-1: one activity's device list exports to CSV", async () => {
    const act1 = state.activities.find((a) => a.id === 'act-1');
    if (!act1) throw new Error('fixture');
    const out = activityDevicesToCsv(
      act1,
      state.activityDevices,
      new Map(state.devices.map((d) => [d.id, d])),
    );
    const rows = await records(out, header(out));
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.State).sort()).toEqual(['exposed', 'fixed', 'leftScope', 'vanished']);
    expect(rows.find((r) => r.State === 'leftScope')?.['Sent to Intune task']).toBe('no');
  });
});
